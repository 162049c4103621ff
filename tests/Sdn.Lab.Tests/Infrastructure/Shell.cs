using System.Diagnostics;
using System.Text;

namespace Sdn.Lab.Tests.Infrastructure;

/// <summary>Result of a finished (or killed) command.</summary>
/// <param name="ExitCode">Exit code; -1 if it had to be killed.</param>
/// <param name="Output">stdout and stderr, interleaved as they arrived.</param>
/// <param name="TimedOut">True if the time bound was hit and the process tree was killed.</param>
/// <param name="Elapsed">Wall-clock time.</param>
public sealed record ShellResult(int ExitCode, string Output, bool TimedOut, TimeSpan Elapsed);

/// <summary>Runs short external commands with a hard time bound.</summary>
public static class Shell
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; kills the process tree after <paramref name="timeout"/>.</summary>
    public static async Task<ShellResult> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? logPath = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = LabPaths.RepoRoot,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        psi.Environment["PYTHONUNBUFFERED"] = "1";

        var output = new StringBuilder();
        StreamWriter? log = logPath is null ? null : new StreamWriter(logPath, append: true) { AutoFlush = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
                log?.WriteLine(line);
            }
        }

        var sw = Stopwatch.StartNew();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            OnLine($"$ {file} {string.Join(' ', psi.ArgumentList)}");
            process.Start();
            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var timedOut = false;
            using (var cts = new CancellationTokenSource(timeout))
            {
                try
                {
                    await process.WaitForExitAsync(cts.Token);
                }
                catch (OperationCanceledException)
                {
                    timedOut = true;
                    KillTree(process);
                }
            }

            // Drain the redirected streams (bounded: the tree is dead or exited).
            using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    await process.WaitForExitAsync(drain.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            var code = timedOut ? -1 : process.ExitCode;
            if (timedOut)
            {
                OnLine($"### killed after {timeout.TotalSeconds:0} s");
            }

            lock (output)
            {
                return new ShellResult(code, output.ToString(), timedOut, sw.Elapsed);
            }
        }
        finally
        {
            lock (output)
            {
                log?.Dispose();
                log = null;
            }
        }
    }

    /// <summary>Convenience: <c>RunAsync</c> with a params list and a 30 s bound.</summary>
    public static Task<ShellResult> RunAsync(string file, params string[] args) =>
        RunAsync(file, args, TimeSpan.FromSeconds(30));

    /// <summary>Full path of a program on PATH (plus the sbin directories), or null.</summary>
    public static string? Which(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var dirs = path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        foreach (var dir in dirs)
        {
            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Kills a process and all its descendants; never throws.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }
}
