using Sdn.Controller.Channel;
using Sdn.Controller.Core.Tests.Support;

namespace Sdn.Controller.Core.Tests;

public class KeepAliveMachineTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);
    private readonly ManualTimeProvider _clock = new();
    private readonly KeepAliveMachine _m;

    public KeepAliveMachineTests() => _m = new KeepAliveMachine(_clock, Interval, 3, Msg.Counter());

    /// <summary>Moves the clock to <paramref name="at"/> since creation and ticks once.</summary>
    private Sdn.OpenFlow.Messages.EchoRequest? TickAt(TimeSpan at)
    {
        _clock.Advance(at - _clock.Elapsed);
        return _m.OnTick();
    }

    [Fact]
    public void No_echo_before_the_interval()
    {
        Assert.Null(TickAt(TimeSpan.Zero));
        Assert.Null(TickAt(TimeSpan.FromSeconds(2)));
        Assert.Null(TickAt(Interval - OneMs));
        Assert.Equal(0, _m.Unanswered);
        Assert.False(_m.IsDead);
    }

    [Fact]
    public void Echo_at_exactly_one_idle_interval()
    {
        var echo = TickAt(Interval);
        Assert.NotNull(echo);
        Assert.NotEqual(0u, echo.Xid.Value);
        Assert.Empty(echo.Data);
        Assert.Equal(1, _m.Unanswered);

        // Not again until the next interval.
        Assert.Null(TickAt(Interval + OneMs));
    }

    [Fact]
    public void Activity_restarts_the_idle_clock()
    {
        TickAt(TimeSpan.FromSeconds(4));
        _m.OnMessageReceived();

        Assert.Null(TickAt(TimeSpan.FromSeconds(5)));
        Assert.Null(TickAt(TimeSpan.FromSeconds(9) - OneMs));
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(9)));
    }

    [Fact]
    public void Three_unanswered_echoes_then_dead_at_four_intervals()
    {
        var sent = new List<Sdn.OpenFlow.Messages.EchoRequest>();
        foreach (var s in new[] { 5, 10, 15 })
        {
            Assert.Null(TickAt(TimeSpan.FromSeconds(s) - OneMs));
            sent.Add(TickAt(TimeSpan.FromSeconds(s)) ?? throw new Xunit.Sdk.XunitException($"no echo at {s} s"));
            Assert.Equal(sent.Count, _m.Unanswered);
            Assert.False(_m.IsDead);
        }

        Assert.Equal(3, sent.Select(e => e.Xid).Distinct().Count());

        Assert.Null(TickAt(TimeSpan.FromSeconds(20) - OneMs));
        Assert.False(_m.IsDead);
        Assert.Null(TickAt(TimeSpan.FromSeconds(20)));
        Assert.True(_m.IsDead);

        // Dead is final: nothing more is sent, even after a late message.
        Assert.Null(TickAt(TimeSpan.FromSeconds(60)));
        Assert.True(_m.IsDead);
    }

    [Fact]
    public void A_reply_in_between_resets_the_count()
    {
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(5)));
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(10)));
        Assert.Equal(2, _m.Unanswered);

        TickAt(TimeSpan.FromSeconds(11));
        _m.OnMessageReceived();
        Assert.Equal(0, _m.Unanswered);

        Assert.Null(TickAt(TimeSpan.FromSeconds(16) - OneMs));
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(16)));
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(21)));
        Assert.NotNull(TickAt(TimeSpan.FromSeconds(26)));
        Assert.Null(TickAt(TimeSpan.FromSeconds(31) - OneMs));
        Assert.False(_m.IsDead);
        Assert.Null(TickAt(TimeSpan.FromSeconds(31)));
        Assert.True(_m.IsDead);
    }

    [Fact]
    public void Miss_limit_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeepAliveMachine(_clock, Interval, 0, Msg.Counter()));
    }
}
