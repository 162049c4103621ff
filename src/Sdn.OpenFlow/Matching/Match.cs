namespace Sdn.OpenFlow.Matching;

/// <summary>
/// A flow match: an ordered list of OXM fields (OpenFlow 1.3.5 §7.2.3 <c>ofp_match</c>, type OFPMT_OXM). An empty
/// match matches every packet. This is also the version-neutral match: the OpenFlow 1.0 codec maps the fields
/// 1.0 can express onto its fixed <c>ofp_match</c> and rejects the rest.
/// </summary>
/// <param name="Fields">OXM fields in wire order; at most one per (class, field).</param>
public sealed record Match(ValueArray<OxmField> Fields)
{
    /// <summary>The empty (match-all) match.</summary>
    public static readonly Match Any = new(ValueArray<OxmField>.Empty);

    /// <summary>A copy with <paramref name="field"/> added, replacing any field of the same class and id.</summary>
    public Match With(OxmField field)
    {
        var list = Fields.Where(f => f.Class != field.Class || f.Field != field.Field).ToList();
        list.Add(field);
        return new Match(list.ToArray());
    }

    /// <summary>The basic field <paramref name="field"/>, if present.</summary>
    public OxmField? Get(OxmBasicField field)
    {
        foreach (var f in Fields)
        {
            if (f.IsBasic && f.Field == (byte)field)
            {
                return f;
            }
        }

        return null;
    }

    /// <summary>OXM_OF_IN_PORT, if present.</summary>
    public PortNumber? InPort => Get(OxmBasicField.InPort) is { } f ? new PortNumber((uint)f.ValueAsUInt64()) : null;

    /// <summary>OXM_OF_ETH_DST value, if present.</summary>
    public MacAddress? EthDst => Get(OxmBasicField.EthDst)?.ValueAsMac();

    /// <summary>OXM_OF_ETH_SRC value, if present.</summary>
    public MacAddress? EthSrc => Get(OxmBasicField.EthSrc)?.ValueAsMac();

    /// <summary>Fields joined by commas, as ovs-ofctl prints a match; <c>any</c> when empty.</summary>
    public override string ToString() => Fields.Count == 0 ? "any" : string.Join(",", Fields);
}
