namespace Sdn.Controller.Channel;

/// <summary>
/// When a connection loop must give its thread to other connections: after <see cref="PerRead"/> messages of one
/// read (the rest stays in the pipe), or after <see cref="PerTurn"/> messages over any number of reads. The second
/// matters with inline scheduling, where the socket's receive completion runs the loop on the socket thread: a
/// switch that keeps its socket full would otherwise keep that thread, and on one core every other switch waits
/// (measured: fairness 0.00 with 16 switches before the turn budget, docs/BENCHMARKS.md).
/// </summary>
/// <param name="PerRead">Most messages handled per read.</param>
/// <param name="PerTurn">Most messages handled between two yields.</param>
internal record struct FairnessBudget(int PerRead, int PerTurn)
{
    /// <summary>The controller's messages per read.</summary>
    public const int ReadMessages = 1024;

    /// <summary>The controller's messages per turn.</summary>
    public const int TurnMessages = 2048;

    /// <summary>The controller's budget.</summary>
    public static FairnessBudget Default => new(ReadMessages, TurnMessages);

    private int _sinceYield;

    /// <summary>Counts the messages one read handled.</summary>
    /// <returns>True when the loop must yield now (the count starts again).</returns>
    public bool Spend(int handled)
    {
        _sinceYield += handled;
        if (handled < PerRead && _sinceYield < PerTurn)
        {
            return false;
        }

        _sinceYield = 0;
        return true;
    }
}
