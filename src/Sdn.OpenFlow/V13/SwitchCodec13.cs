using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Wire;

namespace Sdn.OpenFlow.V13;

/// <summary>
/// Bodies of the small controller-to-switch and symmetric messages (OpenFlow 1.3.5 §7.3.1 FEATURES, §7.3.2
/// switch config, §7.5.2–3 ECHO).
/// </summary>
internal static class SwitchCodec13
{
    /// <summary>FEATURES_REPLY body, 24 bytes: dpid, n_buffers, n_tables, auxiliary_id, pad(2), capabilities, reserved.</summary>
    public static FeaturesReply ReadFeaturesReply(ref SpanReader r)
    {
        var dpid = new DatapathId(r.ReadU64());
        var buffers = r.ReadU32();
        var tables = r.ReadU8();
        var aux = r.ReadU8();
        r.Skip(2);
        var caps = (SwitchCapabilities)r.ReadU32();
        var reserved = r.ReadU32();
        return new FeaturesReply(dpid, buffers, tables, aux, caps) { Reserved = reserved };
    }

    public static void WriteFeaturesReply(ref SpanWriter w, FeaturesReply m)
    {
        w.WriteU64(m.DatapathId.Value);
        w.WriteU32(m.BufferCount);
        w.WriteU8(m.TableCount);
        w.WriteU8(m.AuxiliaryId);
        w.WriteZeros(2);
        w.WriteU32((uint)m.Capabilities);
        w.WriteU32(m.Reserved);
    }

    /// <summary><c>ofp_switch_config</c> body, 4 bytes: flags, miss_send_len.</summary>
    public static (ConfigFlags Flags, ushort MissSendLength) ReadConfig(ref SpanReader r) => ((ConfigFlags)r.ReadU16(), r.ReadU16());

    public static void WriteConfig(ref SpanWriter w, ConfigFlags flags, ushort missSendLength)
    {
        w.WriteU16((ushort)flags);
        w.WriteU16(missSendLength);
    }
}
