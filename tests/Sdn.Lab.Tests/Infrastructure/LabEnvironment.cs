namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>
/// Collection fixture for the lab tests: checks once that the machine can run them (root, Open vSwitch,
/// Mininet, the Release build) and starts OVS if it is installed but not running. Any problem throws,
/// so every lab test FAILS with the reason; lab tests never skip.
/// </summary>
public sealed class LabEnvironment
{
    private const string Hint =
        "Run the lab tests through ./scripts/test.sh (as root), which installs openvswitch-switch, mininet, " +
        "iputils-ping and tshark, starts Open vSwitch and builds the controller in Release.";

    /// <summary>Checks the machine; throws <see cref="InvalidOperationException"/> listing every problem.</summary>
    public LabEnvironment()
    {
        var problems = new List<string>();

        if (!Environment.IsPrivilegedProcess)
        {
            problems.Add("Lab tests must run as root (Mininet and Open vSwitch need it).");
        }

        foreach (var tool in new[] { "ovs-vsctl", "ovs-ofctl", "mn", "ping", "ip", "timeout" })
        {
            if (Shell.Which(tool) is null)
            {
                problems.Add($"`{tool}` is not installed / not on PATH.");
            }
        }

        if (!File.Exists(LabPaths.Python))
        {
            problems.Add($"{LabPaths.Python} is missing (Mininet is installed for Debian's interpreter).");
        }
        else
        {
            var probe = Run(LabPaths.Python, "-c", "import mininet.net, mininet.node");
            if (probe.ExitCode != 0)
            {
                problems.Add($"{LabPaths.Python} cannot import mininet: {probe.Output.Trim()}");
            }
        }

        if (problems.Count == 0 && !OvsRunning())
        {
            // Installed but not running (fresh boot / container): start it, as scripts/test.sh would.
            var start = Run("/usr/share/openvswitch/scripts/ovs-ctl", "start", "--system-id=random");
            OvsStartOutput = start.Output;
            if (!OvsRunning())
            {
                problems.Add("Open vSwitch is not running and `ovs-ctl start --system-id=random` did not start it:\n" +
                             start.Output.Trim());
            }
        }

        if (!File.Exists(LabPaths.ControllerDll))
        {
            problems.Add($"Controller build not found: {LabPaths.ControllerDll}. Build Release first: " +
                         "`dotnet build Controller.sln -c Release`.");
        }

        foreach (var port in new[] { LabPaths.Port(6653), LabPaths.Port(6633) })
        {
            if (ControllerProcess.CanConnectAsync("127.0.0.1", port, TimeSpan.FromSeconds(1)).GetAwaiter().GetResult())
            {
                problems.Add($"Port {port} on 127.0.0.1 is already in use (stale controller?). Stop it first; " +
                             $"`ss -ltnp 'sport = :{port}'` shows who holds it.");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The lab test environment is not ready:\n - " + string.Join("\n - ", problems) + "\n" + Hint);
        }
    }

    /// <summary>Output of <c>ovs-ctl start</c> if the fixture had to start OVS, else null.</summary>
    public string? OvsStartOutput { get; }

    /// <summary>True if <c>ovs-vsctl show</c> answers.</summary>
    public static bool OvsRunning() => Run("ovs-vsctl", "--timeout=5", "show").ExitCode == 0;

    /// <summary>Runs a short command (30 s bound) synchronously.</summary>
    public static ShellResult Run(string file, params string[] args) =>
        Shell.RunAsync(file, args, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
}

/// <summary>All lab tests share one collection: they run one after another, never in parallel.</summary>
[CollectionDefinition("lab")]
public sealed class LabCollection : ICollectionFixture<LabEnvironment>
{
}
