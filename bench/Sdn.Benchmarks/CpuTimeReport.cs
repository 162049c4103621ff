using System.Diagnostics;

namespace Sdn.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- cputime</c>: CPU time per call of the hot-path benchmarks, from the process's CPU
/// time (user + system) over a few million calls on one thread. Wall-clock benchmarks (BenchmarkDotNet) count the
/// time other processes hold the core; CPU time does not, so on a busy shared machine this is the steadier figure
/// (it still includes the cache and frequency effects of neighbours). BenchmarkDotNet's figure stays the reference.
/// </summary>
internal static class CpuTimeReport
{
    private const int Calls = 5_000_000;
    private const int Rounds = 5;

    public static void Run()
    {
        var hot = new HotPathBenchmarks();
        hot.Setup();
        var codec = new CodecBenchmarks();
        codec.Setup();
        (string Name, Func<int> Call)[] scenarios =
        [
            ("Parse_PacketInView", () => codec.Parse_PacketInView() ? 1 : 0),
            ("Write_FlowRule", codec.Write_FlowRule),
            ("HotPath App (parse + L2Learning + write)", hot.App),
            ("HotPath Dispatcher (+ AppDispatcher, cookie)", hot.Dispatcher),
        ];

        Console.WriteLine($"CPU time per call: best and median of {Rounds} rounds of {Calls:N0} calls; .NET {Environment.Version}");
        foreach (var (name, call) in scenarios)
        {
            var sink = 0;
            for (var i = 0; i < Calls / 10; i++)
            {
                sink += call();
            }

            var rounds = new double[Rounds];
            for (var r = 0; r < Rounds; r++)
            {
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                for (var i = 0; i < Calls; i++)
                {
                    sink += call();
                }

                rounds[r] = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalNanoseconds / Calls;
            }

            Array.Sort(rounds);
            Console.WriteLine($"  {name,-48} best {rounds[0],6:0.0} ns  median {rounds[Rounds / 2],6:0.0} ns  (sink {sink % 10})");
        }

        hot.Cleanup();
    }
}
