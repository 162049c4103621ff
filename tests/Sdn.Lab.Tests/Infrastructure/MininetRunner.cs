using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>Outcome of one Python/Mininet driver script.</summary>
/// <param name="ExitCode">Exit code of <c>timeout ... python3 script</c> (124/137 = timed out; -1 = killed by us).</param>
/// <param name="Output">stdout + stderr of the script.</param>
/// <param name="TimedOut">True if either time bound was hit (<c>mn -c</c> was then run).</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="LogPath">Copy of the output under .lab-logs/.</param>
public sealed record MininetResult(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed, string LogPath)
{
    /// <summary>Every <c>RESULT {json}</c> line the script printed, in order.</summary>
    public IReadOnlyList<JsonElement> Results { get; } = ParseResults(Output);

    /// <summary>The <c>"phase": "final"</c> result, if the script got that far.</summary>
    public JsonElement? Final => Results.LastOrDefault(r => Phase(r) == "final") is { ValueKind: JsonValueKind.Object } f ? f : null;

    /// <summary>The <c>"phase": "round"</c> results, in order.</summary>
    public IReadOnlyList<JsonElement> Rounds => Results.Where(r => Phase(r) == "round").ToList();

    /// <summary>A readable description for assertion messages (RESULT lines left out: they repeat the rest).</summary>
    public string Describe() =>
        $"exit={ExitCode} timedOut={TimedOut} elapsed={Elapsed.TotalSeconds:0.0}s log={LogPath}\n" +
        string.Join('\n', Output.Split('\n').Where(l => !l.StartsWith("RESULT ", StringComparison.Ordinal)));

    internal static string? Phase(JsonElement r) =>
        r.TryGetProperty("phase", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    internal static List<JsonElement> ParseResults(string output)
    {
        var list = new List<JsonElement>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line["RESULT ".Length..]);
                list.Add(doc.RootElement.Clone());
            }
            catch (JsonException)
            {
                // A truncated line (killed mid-write) is reported through Output.
            }
        }

        return list;
    }
}

/// <summary>
/// A running driver script: <c>timeout --kill-after=10 N /usr/bin/python3 script args</c>, with a second
/// bound on our side. On timeout, <c>mn -c</c> cleans up whatever the script left behind.
/// </summary>
public sealed class MininetRun : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly StreamWriter _log;
    private readonly Task<MininetResult> _completion;
    private readonly IReadOnlyList<string> _cleanup;

    private MininetRun(Process process, StreamWriter log, string logPath, TimeSpan timeout, IReadOnlyList<string> cleanup)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        _cleanup = cleanup;
        _completion = CompleteAsync(timeout);
    }

    /// <summary>Where the output is copied.</summary>
    public string LogPath { get; }

    /// <summary>Completes when the script has exited (or was killed and cleaned up).</summary>
    public Task<MininetResult> Completion => _completion;

    /// <summary>True once the script exited.</summary>
    public bool HasExited => _completion.IsCompleted;

    /// <summary>Output so far.</summary>
    public string OutputSoFar
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts <c>scripts/<paramref name="script"/></c> (a path relative to the lab scripts directory, or absolute).
    /// <paramref name="timeout"/> is given to <c>timeout(1)</c>; we kill the tree ourselves 20 s later.
    /// With <paramref name="interactive"/> the script's stdin stays open for <see cref="SendLineAsync"/>.
    /// <paramref name="cleanup"/> is the command run after a time-out (default <c>mn -c</c>, which is machine-wide; a
    /// driver that names its own bridges and links can pass a command that removes only those).
    /// </summary>
    public static MininetRun Start(string script, IEnumerable<string> args, TimeSpan timeout, string name, bool interactive = false, IReadOnlyList<string>? cleanup = null)
    {
        var scriptPath = Path.IsPathRooted(script) ? script : Path.Combine(LabPaths.ScriptsDir, script);
        if (!File.Exists(scriptPath))
        {
            throw new FileNotFoundException($"Lab driver script not found: {scriptPath}");
        }

        var psi = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = LabPaths.RepoRoot,
        };
        psi.ArgumentList.Add("--kill-after=10");
        psi.ArgumentList.Add(((int)Math.Ceiling(timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(LabPaths.Python);
        psi.ArgumentList.Add(scriptPath);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["PYTHONUNBUFFERED"] = "1";

        var safeName = new string(name.Select(c => char.IsLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
        var logPath = Path.Combine(LabPaths.LogDir, $"mininet-{safeName}-{LabPaths.Stamp()}.log");
        var log = new StreamWriter(logPath, append: false) { AutoFlush = true };
        log.WriteLine($"$ timeout {string.Join(' ', psi.ArgumentList)}");

        var process = new Process { StartInfo = psi };
        process.Start();
        if (!interactive)
        {
            process.StandardInput.Close();
        }

        var run = new MininetRun(process, log, logPath, timeout, cleanup ?? ["mn", "-c"]);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                run.Append(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                run.Append(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Runs a script to completion (see <see cref="Start"/>).</summary>
    public static async Task<MininetResult> RunAsync(string script, IEnumerable<string> args, TimeSpan timeout, string name, IReadOnlyList<string>? cleanup = null)
    {
        using var run = Start(script, args, timeout, name, cleanup: cleanup);
        return await run.Completion;
    }

    /// <summary>
    /// Waits until <paramref name="path"/> exists. Returns false on timeout or if the script exited first
    /// (a crashed script must not make the test wait for the full bound).
    /// </summary>
    public async Task<bool> WaitForFileAsync(string path, TimeSpan timeout)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (File.Exists(path))
            {
                return true;
            }

            if (HasExited)
            {
                return File.Exists(path);
            }

            await Task.Delay(100);
        }

        return File.Exists(path);
    }

    /// <summary>Writes one command line to the script's stdin (interactive runs only).</summary>
    public async Task SendLineAsync(string line)
    {
        Append($">>> {line}");
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the next <c>RESULT</c> line with <c>"phase": <paramref name="phase"/></c> after the first
    /// <paramref name="skip"/> such lines. Null on time-out or if the script exited without printing it.
    /// </summary>
    public async Task<JsonElement?> WaitForResultAsync(string phase, TimeSpan timeout, int skip = 0)
    {
        var sw = Stopwatch.StartNew();
        while (true)
        {
            var exited = HasExited;
            var found = MininetResult.ParseResults(OutputSoFar).Where(r => MininetResult.Phase(r) == phase).Skip(skip).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            if (exited || sw.Elapsed >= timeout)
            {
                return null;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops a script that is still running: SIGTERM first (timeout(1) passes it on; the driver turns it into
    /// <c>net.stop()</c>), SIGKILL to the tree after 20 s (then <c>mn -c</c> runs, see <see cref="Completion"/>).
    /// </summary>
    public void Dispose()
    {
        if (!HasExited)
        {
            try
            {
                var pid = _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                Shell.RunAsync("kill", ["-TERM", pid], TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
                _completion.Wait(TimeSpan.FromSeconds(20));
            }
            catch (Exception e) when (e is InvalidOperationException or AggregateException)
            {
            }

            Shell.KillTree(_process);
        }

        try
        {
            _completion.Wait(TimeSpan.FromSeconds(90));
        }
        catch (AggregateException)
        {
        }

        _process.Dispose();
    }

    private void Append(string line)
    {
        lock (_gate)
        {
            _output.AppendLine(line);
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private async Task<MininetResult> CompleteAsync(TimeSpan timeout)
    {
        var killedByUs = false;
        using (var cts = new CancellationTokenSource(timeout + TimeSpan.FromSeconds(20)))
        {
            try
            {
                await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                killedByUs = true;
                Shell.KillTree(_process);
            }
        }

        using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _process.WaitForExitAsync(drain.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        var exitCode = killedByUs ? -1 : SafeExitCode();
        // timeout(1): 124 = TERM sent on time-out, 137 = KILL after --kill-after.
        var timedOut = killedByUs || exitCode is 124 or 137;
        if (timedOut)
        {
            Append($"### driver timed out (exit {exitCode}); running `{string.Join(' ', _cleanup)}` to clean up");
            var cleanup = await Shell.RunAsync("timeout", ["60", .. _cleanup], TimeSpan.FromSeconds(70)).ConfigureAwait(false);
            Append(cleanup.Output);
        }

        Append($"### exit={exitCode} after {_clock.Elapsed.TotalSeconds:0.0} s");
        string output;
        lock (_gate)
        {
            output = _output.ToString();
            _log.Dispose();
        }

        return new MininetResult(exitCode, output, timedOut, _clock.Elapsed, LogPath);
    }

    private int SafeExitCode()
    {
        try
        {
            return _process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }
}
