using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Controller.Apps;

/// <summary>
/// The flow cookies an app owns: the top 8 bits of the 64-bit cookie (OpenFlow 1.3.5 §7.3.4.1) are the app's id,
/// the lower 56 bits are the app's own. The core stamps the id onto every FLOW_MOD an app sends and, for
/// modify/delete, adds the id bits to <c>cookie_mask</c>, so an app can find and remove only its own flows.
/// </summary>
/// <param name="AppId">The app's id, 1..255 (0 is left for flows nobody owns).</param>
public readonly record struct CookieRange(byte AppId)
{
    /// <summary>The bits that hold the app id.</summary>
    public const ulong IdMask = 0xff00_0000_0000_0000UL;

    /// <summary>The app's base cookie, e.g. <c>0x1000000000000000</c> for id 0x10.</summary>
    public ulong Base => (ulong)AppId << 56;

    /// <summary>True when <paramref name="cookie"/> belongs to this app.</summary>
    public bool Contains(ulong cookie) => (cookie & IdMask) == Base;

    /// <summary>Stamps the app's id onto a FLOW_MOD (cookie; and cookie_mask for modify/delete).</summary>
    public FlowMod Apply(FlowMod flowMod)
    {
        var cookie = Base | (flowMod.Cookie & ~IdMask);
        var restrict = flowMod.Command is not FlowModCommand.Add;
        var mask = restrict ? flowMod.CookieMask | IdMask : flowMod.CookieMask;
        return cookie == flowMod.Cookie && mask == flowMod.CookieMask ? flowMod : flowMod with { Cookie = cookie, CookieMask = mask };
    }

    /// <summary>
    /// True when <see cref="Apply(in FlowRule)"/> would change nothing: the cookie already carries the app's id and,
    /// for modify/delete, the mask covers the id bits. Lets a rule built with the app's cookie pass without a copy.
    /// </summary>
    public bool IsStamped(in FlowRule rule) =>
        (rule.Cookie & IdMask) == Base && (rule.Command is FlowModCommand.Add || (rule.CookieMask & IdMask) == IdMask);

    /// <summary>Stamps the app's id onto a <see cref="FlowRule"/>, like <see cref="Apply(FlowMod)"/> (no allocation).</summary>
    public FlowRule Apply(in FlowRule rule) => rule with
    {
        Cookie = Base | (rule.Cookie & ~IdMask),
        CookieMask = rule.Command is FlowModCommand.Add ? rule.CookieMask : rule.CookieMask | IdMask,
    };

    /// <summary><c>0x10xxxxxxxxxxxxxx</c>.</summary>
    public override string ToString() => $"0x{AppId:x2}{new string('x', 14)}";

    /// <summary>
    /// FLOW_MOD deleting every flow of this range in every table (OFPFC_DELETE, match all, cookie = <see cref="Base"/>,
    /// cookie mask = <see cref="IdMask"/>; OpenFlow 1.3.5 §6.4): an app's clean slate when a switch connects.
    /// </summary>
    public FlowMod DeleteAll() => Delete(Base, IdMask);

    /// <summary>FLOW_MOD deleting every flow whose cookie is exactly <paramref name="cookie"/>, in every table (cookie mask all ones).</summary>
    public static FlowMod DeleteExactly(ulong cookie) => Delete(cookie, ulong.MaxValue);

    private static FlowMod Delete(ulong cookie, ulong mask) =>
        new(FlowModCommand.Delete, Sdn.OpenFlow.Matching.Match.Any, Sdn.OpenFlow.ValueArray<Sdn.OpenFlow.Instructions.OfpInstruction>.Empty)
        {
            Cookie = cookie,
            CookieMask = mask,
            TableId = 0xff,
        };
}
