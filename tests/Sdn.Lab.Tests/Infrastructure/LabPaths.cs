namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>Well-known paths of the repository, found from the test assembly's location.</summary>
public static class LabPaths
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The directory that contains Controller.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Where lab logs go (not /tmp: <c>mn -c</c> deletes /tmp/*.log).</summary>
    public static string LogDir
    {
        get
        {
            var dir = Path.Combine(RepoRoot, ".lab-logs");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    /// <summary>
    /// The Release build of the controller host. The environment variable <c>SDN_LAB_CONTROLLER_DLL</c>
    /// overrides it (to try the harness against a stand-in controller).
    /// </summary>
    public static string ControllerDll =>
        Environment.GetEnvironmentVariable("SDN_LAB_CONTROLLER_DLL") is { Length: > 0 } overridden
            ? overridden
            : Path.Combine(RepoRoot, "src", "Sdn.Controller.Host", "bin", "Release", "net10.0", "sdn-controller.dll");

    /// <summary>Python driver scripts (used from the repository, not copied).</summary>
    public static string ScriptsDir => Path.Combine(RepoRoot, "tests", "Sdn.Lab.Tests", "scripts");

    /// <summary>Our Mininet topologies and controller class.</summary>
    public static string MininetTopologiesDir => Path.Combine(RepoRoot, "mininet-topologies");

    /// <summary>Debian's interpreter: Mininet is installed for it only.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>A file name part that sorts by time and is unique enough for one machine.</summary>
    public static string Stamp() => DateTime.Now.ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        for (var i = 0; dir is not null && i < 32; i++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Controller.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"Could not find the repository root (a directory containing Controller.sln) above {AppContext.BaseDirectory}.");
    }
}
