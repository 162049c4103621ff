using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Core.Tests.Support;

/// <summary>Small builders for switch-side messages.</summary>
public static class Msg
{
    public static PortDescription Port(uint no) =>
        new(new PortNumber(no), new MacAddress(0x0200_0000_0000UL | no), $"s1-eth{no}", PortConfig.None, PortState.Live);

    public static FeaturesReply Features(ulong dpid, Xid xid) =>
        new(new DatapathId(dpid), 256, 254, 0, SwitchCapabilities.FlowStats | SwitchCapabilities.PortStats) { Xid = xid };

    /// <summary>A counter-based xid allocator (1, 2, 3, …) like the connection's.</summary>
    public static Func<Xid> Counter()
    {
        uint n = 0;
        return () => new Xid(++n);
    }
}
