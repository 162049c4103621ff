using System.Diagnostics;

namespace Sdn.OpenFlow.Tests.Support;

/// <summary>Runs Open vSwitch's <c>ovs-ofctl ofp-print</c> on bytes, as an independent decoder of our encoder's output.</summary>
public static class OvsOfctl
{
    private static readonly Lazy<string?> Executable = new(Find);

    /// <summary>
    /// The path of <c>ovs-ofctl</c>; fails the test (does not skip it) when it is missing, because the cross-check
    /// is part of the suite (the test script installs Open vSwitch's tools).
    /// </summary>
    public static string Path => Executable.Value ?? throw new Xunit.Sdk.XunitException(
        "ovs-ofctl was not found on PATH: install Open vSwitch's command-line tools (Debian/Ubuntu package openvswitch-common) " +
        "to run the ofp-print cross-check of the OpenFlow encoder.");

    /// <summary>Runs <c>ovs-ofctl ofp-print HEX</c> and returns stdout and stderr together.</summary>
    public static string OfpPrint(ReadOnlySpan<byte> message)
    {
        var psi = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("ofp-print");
        psi.ArgumentList.Add(Hex.Format(message));
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start ovs-ofctl");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(15_000))
        {
            p.Kill();
            throw new TimeoutException("ovs-ofctl ofp-print did not finish in 15 s");
        }

        return (stdout + stderr.Result).Replace("\r", "", StringComparison.Ordinal);
    }

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator).Concat(["/usr/bin", "/usr/local/bin"]))
        {
            var candidate = System.IO.Path.Combine(dir, "ovs-ofctl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
