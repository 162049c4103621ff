using FsCheck;
using FsCheck.Fluent;
using Sdn.Controller.Apps;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Core.Tests;

public class CookieRangeTests
{
    private static readonly Gen<ulong> U64 = Gen.Frequency(
        (1, Gen.Elements(0UL, 1UL, 0x00ff_ffff_ffff_ffffUL, 0xff00_0000_0000_0000UL, ulong.MaxValue, 0x1000_0000_0000_0000UL)),
        (4, Gen.Zip(Gen.Choose(int.MinValue, int.MaxValue), Gen.Choose(int.MinValue, int.MaxValue)).Select(t => ((ulong)(uint)t.Item1 << 32) | (uint)t.Item2)));

    private static readonly Gen<(byte Id, FlowMod Flow)> Cases =
        from id in Gen.Choose(1, 255)
        from cookie in U64
        from mask in U64
        from command in Gen.Elements(Enum.GetValues<FlowModCommand>())
        from priority in Gen.Choose(0, 0xffff)
        select ((byte)id, new FlowMod(command, Match.Any, []) { Cookie = cookie, CookieMask = mask, Priority = (ushort)priority });

    [Fact]
    public void Apply_stamps_the_id_and_keeps_everything_else()
    {
        Prop.ForAll(Arb.From(Cases), c =>
        {
            var (id, f) = c;
            var range = new CookieRange(id);
            var r = range.Apply(f);

            Assert.Equal(id, (byte)(r.Cookie >> 56));
            Assert.Equal(f.Cookie & 0x00ff_ffff_ffff_ffffUL, r.Cookie & 0x00ff_ffff_ffff_ffffUL);
            Assert.True(range.Contains(r.Cookie));
            var expectedMask = f.Command == FlowModCommand.Add ? f.CookieMask : f.CookieMask | 0xff00_0000_0000_0000UL;
            Assert.Equal(expectedMask, r.CookieMask);
            Assert.Equal(f, r with { Cookie = f.Cookie, CookieMask = f.CookieMask });

            // Idempotent: a second stamp changes nothing.
            Assert.Equal(r, range.Apply(r));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Another_apps_cookie_is_not_contained()
    {
        var gen = from id in Gen.Choose(1, 255) from other in Gen.Choose(0, 255) from low in U64 select (id, other, low);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var (id, other, low) = t;
            var cookie = ((ulong)other << 56) | (low & 0x00ff_ffff_ffff_ffffUL);
            return new CookieRange((byte)id).Contains(cookie) == (id == other);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Examples()
    {
        var l2 = new CookieRange(0x10);
        Assert.Equal(0x1000_0000_0000_0000UL, l2.Base);
        Assert.Equal("0x10xxxxxxxxxxxxxx", l2.ToString());

        var add = l2.Apply(new FlowMod(FlowModCommand.Add, Match.Any, []) { Cookie = 0xab00_0000_0000_0042UL });
        Assert.Equal(0x1000_0000_0000_0042UL, add.Cookie);
        Assert.Equal(0UL, add.CookieMask);

        var delete = l2.Apply(new FlowMod(FlowModCommand.Delete, Match.Any, []));
        Assert.Equal(0x1000_0000_0000_0000UL, delete.Cookie);
        Assert.Equal(0xff00_0000_0000_0000UL, delete.CookieMask);
    }

    [Theory]
    [InlineData(FlowModCommand.Add, 0x1000_0000_0000_0042UL, 0UL, true)]
    [InlineData(FlowModCommand.Add, 0x2000_0000_0000_0000UL, 0UL, false)]
    [InlineData(FlowModCommand.Add, 0UL, 0UL, false)]
    [InlineData(FlowModCommand.Delete, 0x1000_0000_0000_0000UL, 0UL, false)]
    [InlineData(FlowModCommand.Delete, 0x1000_0000_0000_0000UL, 0xff00_0000_0000_0000UL, true)]
    [InlineData(FlowModCommand.Modify, 0x1000_0000_0000_0000UL, 0xffff_0000_0000_0000UL, true)]
    public void IsStamped_is_true_exactly_when_Apply_changes_nothing(FlowModCommand command, ulong cookie, ulong mask, bool stamped)
    {
        var l2 = new CookieRange(0x10);
        var rule = new FlowRule { Command = command, Cookie = cookie, CookieMask = mask, Priority = 7 };
        Assert.Equal(stamped, l2.IsStamped(rule));
        Assert.Equal(stamped, l2.Apply(rule) == rule);
    }

    [Fact]
    public void DeleteAll_covers_exactly_the_range_and_DeleteExactly_one_cookie()
    {
        var all = new CookieRange(0x12).DeleteAll();
        Assert.Equal(Sdn.OpenFlow.Messages.FlowModCommand.Delete, all.Command);
        Assert.Equal(0x1200_0000_0000_0000UL, all.Cookie);
        Assert.Equal(CookieRange.IdMask, all.CookieMask);
        Assert.Equal(0xff, all.TableId);
        Assert.Empty(all.Match.Fields);
        var one = CookieRange.DeleteExactly(0x1200_0000_0000_0042UL);
        Assert.Equal(0x1200_0000_0000_0042UL, one.Cookie);
        Assert.Equal(ulong.MaxValue, one.CookieMask);
        Assert.Equal(0xff, one.TableId);
    }
}
