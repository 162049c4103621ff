using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;
using Perfolizer.Metrology;

namespace Sdn.Benchmarks;

/// <summary>Shared summary style: allocations in bytes (not KB) and times in ns, so tables compare at a glance.</summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig() =>
        SummaryStyle = SummaryStyle.Default.WithSizeUnit(SizeUnit.B).WithTimeUnit(TimeUnit.Nanosecond);
}
