namespace Sdn.Controller.Apps.ShortestPath;

/// <summary>
/// Repair times (ms from the link failure being detected to every repair flow-mod being barrier-confirmed): counts
/// per bucket, plus the last <see cref="SampleCapacity"/> samples for percentiles. Thread-safe.
/// </summary>
public sealed class ConvergenceHistogram
{
    /// <summary>Samples kept for percentiles.</summary>
    public const int SampleCapacity = 1024;

    /// <summary>Bucket upper bounds (ms); the last bucket is everything above the last bound.</summary>
    public static readonly double[] BoundsMs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    private readonly object _gate = new();
    private readonly long[] _counts = new long[BoundsMs.Length + 1];
    private readonly double[] _samples = new double[SampleCapacity];
    private long _total;
    private double _maxMs;

    /// <summary>Records one repair time.</summary>
    public void Record(double ms)
    {
        lock (_gate)
        {
            var bucket = Array.FindIndex(BoundsMs, b => ms <= b);
            _counts[bucket < 0 ? BoundsMs.Length : bucket]++;
            _samples[_total % SampleCapacity] = ms;
            _total++;
            _maxMs = Math.Max(_maxMs, ms);
        }
    }

    /// <summary>A copy of the histogram.</summary>
    /// <param name="Count">Repairs recorded.</param>
    /// <param name="Buckets">Counts per bucket (see <see cref="BoundsMs"/>; one more for "above").</param>
    /// <param name="P50Ms">Median of the recent samples (0 when none).</param>
    /// <param name="P95Ms">95th percentile of the recent samples.</param>
    /// <param name="MaxMs">Largest ever.</param>
    public readonly record struct Summary(long Count, IReadOnlyList<long> Buckets, double P50Ms, double P95Ms, double MaxMs);

    /// <summary>Reads the histogram.</summary>
    public Summary Read()
    {
        lock (_gate)
        {
            var recent = _samples.Take((int)Math.Min(_total, SampleCapacity)).Order().ToArray();
            return new Summary(_total, [.. _counts], Percentile(recent, 0.50), Percentile(recent, 0.95), _maxMs);
        }
    }

    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
