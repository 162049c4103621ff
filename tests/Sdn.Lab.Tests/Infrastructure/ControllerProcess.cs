using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>
/// The real controller (<c>dotnet sdn-controller.dll</c>, Release build) as a child process.
/// Endpoints and apps are passed as command-line configuration overrides
/// (<c>--Controller:Endpoints:0=127.0.0.1:6653 --Controller:Apps:0=L2Learning</c>).
/// stdout and stderr go to <c>&lt;repo&gt;/.lab-logs/controller-NAME-STAMP.log</c> and to memory.
/// Dispose kills the whole process tree.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable, IDisposable
{
    /// <summary>Default listening endpoints: both IANA (6653) and legacy (6633) OpenFlow ports on loopback.</summary>
    public static IReadOnlyList<string> DefaultEndpoints =>
        [$"127.0.0.1:{LabPaths.Port(6653)}", $"127.0.0.1:{LabPaths.Port(6633)}"];

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly object _gate = new();
    private StreamWriter? _logWriter;
    private bool _disposed;

    private ControllerProcess(Process process, string logPath, StreamWriter writer, IReadOnlyList<(string Host, int Port)> endpoints)
    {
        _process = process;
        LogPath = logPath;
        _logWriter = writer;
        Endpoints = endpoints;
    }

    /// <summary>Path of the log file with everything the controller printed.</summary>
    public string LogPath { get; }

    /// <summary>The endpoints the controller was told to listen on.</summary>
    public IReadOnlyList<(string Host, int Port)> Endpoints { get; }

    /// <summary>OS process id of the <c>dotnet</c> process.</summary>
    public int Pid => _process.Id;

    /// <summary>True once the process has exited (or was killed).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>Everything logged so far.</summary>
    public string LogText
    {
        get
        {
            lock (_gate)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The controller's JSON status API (<c>GET /v1/topology</c>, <c>/v1/paths</c>, <c>/v1/stats</c>).</summary>
    public Uri ApiBaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The controller's gRPC API, "127.0.0.1:port".</summary>
    public string GrpcAddress { get; private set; } = "";

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    private static int FreeTcpPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the controller and waits (bounded) until every endpoint accepts TCP connections.</summary>
    /// <param name="name">Short name used in the log file name (e.g. the test name).</param>
    /// <param name="endpoints">"ip:port" strings; null = <see cref="DefaultEndpoints"/>.</param>
    /// <param name="apps">App names (<c>L2Learning</c>, <c>Hub</c>); null = L2Learning.</param>
    /// <param name="extraArgs">More command-line arguments (e.g. <c>--Serilog:MinimumLevel=Debug</c>).</param>
    /// <param name="readyTimeout">Bound for the port wait; default 20 s.</param>
    /// <param name="environment">More environment variables for the controller process (e.g. runtime settings).</param>
    public static async Task<ControllerProcess> StartAsync(
        string name,
        IEnumerable<string>? endpoints = null,
        IEnumerable<string>? apps = null,
        IEnumerable<string>? extraArgs = null,
        TimeSpan? readyTimeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = LabPaths.ControllerDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(
                $"Controller build not found: {dll}. Build Release first: `dotnet build Controller.sln -c Release` " +
                "(scripts/test.sh does this).");
        }

        var endpointList = (endpoints ?? DefaultEndpoints).ToList();
        var appList = (apps ?? ["L2Learning"]).ToList();
        var parsed = endpointList.Select(ParseEndpoint).ToList();

        // Never test a stale controller by accident: the ports must be free before we start.
        foreach (var (host, port) in parsed)
        {
            if (await CanConnectAsync(host, port, TimeSpan.FromSeconds(1)))
            {
                throw new InvalidOperationException(
                    $"Something already listens on {host}:{port} before the controller was started " +
                    "(a stale sdn-controller or another OpenFlow controller?). Stop it first, e.g. " +
                    $"`ss -ltnp 'sport = :{port}'` to find it.");
            }
        }

        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // The host reads appsettings.json from its content root (the current directory).
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        for (var i = 0; i < endpointList.Count; i++)
        {
            psi.ArgumentList.Add($"--Controller:Endpoints:{i}={endpointList[i]}");
        }

        for (var i = 0; i < appList.Count; i++)
        {
            psi.ArgumentList.Add($"--Controller:Apps:{i}={appList[i]}");
        }

        // The JSON status API on a free loopback port (never a fixed one another program may hold).
        var apiPort = FreeTcpPort();
        psi.ArgumentList.Add($"--Api:HttpEndpoint=127.0.0.1:{apiPort}");
        // The gRPC API on a free port too, and a policy database of this test's own unless the test names one
        // (the restart test reuses it on purpose).
        var grpcPort = FreeTcpPort();
        psi.ArgumentList.Add($"--Northbound:GrpcEndpoint=127.0.0.1:{grpcPort}");
        if (!(extraArgs ?? []).Any(a => a.StartsWith("--Northbound:PolicyDatabase", StringComparison.Ordinal)))
        {
            psi.ArgumentList.Add($"--Northbound:PolicyDatabase={Path.Combine(LabPaths.LogDir, "policies-" + Guid.NewGuid().ToString("n") + ".db")}");
        }

        foreach (var a in extraArgs ?? [])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var safeName = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
        var logPath = Path.Combine(LabPaths.LogDir, $"controller-{safeName}-{LabPaths.Stamp()}.log");
        var writer = new StreamWriter(logPath, append: false) { AutoFlush = true };
        writer.WriteLine($"# dotnet {string.Join(' ', psi.ArgumentList)}");
        writer.WriteLine($"# cwd {psi.WorkingDirectory}");

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var controller = new ControllerProcess(process, logPath, writer, parsed) { ApiBaseAddress = new Uri($"http://127.0.0.1:{apiPort}/"), GrpcAddress = $"127.0.0.1:{grpcPort}" };
        process.OutputDataReceived += (_, e) => controller.Append(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await controller.WaitUntilListeningAsync(readyTimeout ?? TimeSpan.FromSeconds(20));
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }

        return controller;
    }

    /// <summary>True if the log contains <paramref name="text"/> (ordinal).</summary>
    public bool LogContains(string text) => LogText.Contains(text, StringComparison.Ordinal);

    /// <summary>Waits (bounded) until the log contains <paramref name="text"/>.</summary>
    public async Task<bool> WaitForLogAsync(string text, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (LogContains(text))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return LogContains(text);
    }

    /// <summary>The last <paramref name="lines"/> lines of the log, for failure messages.</summary>
    public string LogTail(int lines = 40)
    {
        var all = LogText.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines)));
    }

    /// <summary>Kills the process tree and waits (bounded) for it to go away. Idempotent.</summary>
    public void Kill()
    {
        Shell.KillTree(_process);
        try
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Append("# WARNING: controller did not exit within 10 s of SIGKILL");
            }
            else
            {
                // Let the async readers reach end of stream (bounded by the call above having succeeded).
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }

        Append($"# controller process {SafePid()} stopped by the test");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Kill();
        lock (_gate)
        {
            _logWriter?.Dispose();
            _logWriter = null;
        }

        _process.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        var pending = Endpoints.ToList();
        while (pending.Count > 0)
        {
            if (HasExited)
            {
                throw new InvalidOperationException(
                    $"The controller exited (code {SafeExitCode()}) before listening on " +
                    $"{string.Join(", ", pending.Select(p => $"{p.Host}:{p.Port}"))}. Log {LogPath}:\n{LogTail()}");
            }

            if (sw.Elapsed > timeout)
            {
                throw new TimeoutException(
                    $"The controller did not accept TCP connections on " +
                    $"{string.Join(", ", pending.Select(p => $"{p.Host}:{p.Port}"))} within {timeout.TotalSeconds:0} s. " +
                    $"Log {LogPath}:\n{LogTail()}");
            }

            var still = new List<(string Host, int Port)>();
            foreach (var ep in pending)
            {
                if (!await CanConnectAsync(ep.Host, ep.Port, TimeSpan.FromSeconds(1)))
                {
                    still.Add(ep);
                }
            }

            pending = still;
            if (pending.Count > 0)
            {
                await Task.Delay(100);
            }
        }

        Append($"# listening on {string.Join(", ", Endpoints.Select(p => $"{p.Host}:{p.Port}"))} after {sw.Elapsed.TotalSeconds:0.00} s");
    }

    /// <summary>One plain TCP connect, closed at once (never reads the HELLO).</summary>
    public static async Task<bool> CanConnectAsync(string host, int port, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static (string Host, int Port) ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), out var port))
        {
            throw new ArgumentException($"Endpoint must be \"ip:port\", got \"{endpoint}\".", nameof(endpoint));
        }

        return (endpoint[..colon], port);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.AppendLine(line);
            _logWriter?.WriteLine(line);
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private string SafePid()
    {
        try
        {
            return _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }
}
