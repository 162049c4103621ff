using System.Diagnostics;

namespace Sdn.Testing;

/// <summary>Runs Debian's <c>/usr/bin/python3</c> with arguments, bounded in time, and captures its output (UTF-8).</summary>
public static class PythonProcess
{
    /// <summary>The interpreter the conformance tests use (Debian's, where python3-grpcio is installed).</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>
    /// Runs python3 with <paramref name="arguments"/> (one command-line string) for at most <paramref name="limit"/>.
    /// Exit code -1 when python3 is missing (stderr says so) or when the limit killed it (stderr says "timed out").
    /// </summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string arguments, TimeSpan limit)
    {
        if (!File.Exists(Python))
        {
            return (-1, "", $"{Python} not found");
        }

        var psi = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, $"timed out after {limit}: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
