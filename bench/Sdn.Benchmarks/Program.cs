using BenchmarkDotNet.Running;

namespace Sdn.Benchmarks;

internal static class Program
{
    /// <summary>
    /// <c>alloc</c>: the allocation report (<see cref="AllocationReport"/>); <c>cputime</c>: CPU time per hot-path
    /// call (<see cref="CpuTimeReport"/>); anything else goes to BenchmarkDotNet
    /// (e.g. <c>--filter '*' --job short</c>).
    /// </summary>
    private static void Main(string[] args)
    {
        if (args is ["alloc", ..])
        {
            AllocationReport.Run();
            return;
        }

        if (args is ["cputime", ..])
        {
            CpuTimeReport.Run();
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
