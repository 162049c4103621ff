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

    /// <summary>
    /// The two OpenFlow ports the lab tests use: 6653 and 6633. On a shared machine where another controller
    /// already holds them, <c>SDN_LAB_PORTS=16653,16633</c> moves the tests elsewhere (CI never sets it).
    /// </summary>
    public static (int Primary, int Legacy) Ports
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("SDN_LAB_PORTS");
            if (env is { Length: > 0 })
            {
                var parts = env.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && int.TryParse(parts[0], out var a) && int.TryParse(parts[1], out var b))
                {
                    return (a, b);
                }

                throw new InvalidOperationException($"SDN_LAB_PORTS must be \"PORT,PORT\", got \"{env}\".");
            }

            return (6653, 6633);
        }
    }

    /// <summary>Maps the nominal port 6653 or 6633 to the port actually used (see <see cref="Ports"/>).</summary>
    public static int Port(int nominal) => nominal switch
    {
        6653 => Ports.Primary,
        6633 => Ports.Legacy,
        _ => nominal,
    };

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
