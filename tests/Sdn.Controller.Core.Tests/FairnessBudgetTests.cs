using Sdn.Controller.Channel;

namespace Sdn.Controller.Core.Tests;

/// <summary>When a connection loop yields its thread to other connections.</summary>
public sealed class FairnessBudgetTests
{
    [Fact]
    public void A_full_read_yields_at_once()
    {
        var budget = new FairnessBudget(PerRead: 10, PerTurn: 100);
        Assert.True(budget.Spend(10));
        Assert.False(budget.Spend(9)); // and the turn count started again
    }

    [Fact]
    public void Many_small_reads_in_a_row_yield_once_the_turn_is_spent()
    {
        // The inline-scheduling case: every read is small, but they come back to back on the same thread.
        var budget = new FairnessBudget(PerRead: 10, PerTurn: 25);
        Assert.False(budget.Spend(8));
        Assert.False(budget.Spend(8));
        Assert.False(budget.Spend(8));
        Assert.True(budget.Spend(8)); // 32 at or above 25
        Assert.False(budget.Spend(8)); // a new turn
    }

    [Fact]
    public void Reads_with_nothing_handled_never_yield()
    {
        var budget = FairnessBudget.Default;
        for (var i = 0; i < 10_000; i++)
        {
            Assert.False(budget.Spend(0));
        }
    }

    [Fact]
    public void The_controller_yields_within_two_full_reads()
    {
        Assert.True(FairnessBudget.TurnMessages <= 2 * FairnessBudget.ReadMessages);
        Assert.True(FairnessBudget.TurnMessages >= FairnessBudget.ReadMessages);
    }
}
