using Sdn.OpenFlow.V10;
using Sdn.OpenFlow.V13;

namespace Sdn.OpenFlow;

/// <summary>The codec for each supported OpenFlow version.</summary>
public static class OpenFlowCodecs
{
    /// <summary>Versions with a codec, highest first.</summary>
    public static IReadOnlyList<OfpVersion> Supported { get; } = [OfpVersion.OpenFlow13, OfpVersion.OpenFlow10];

    /// <summary>The codec for <paramref name="version"/>.</summary>
    /// <exception cref="NotSupportedException">No codec for that version.</exception>
    public static IOpenFlowCodec For(OfpVersion version) => version switch
    {
        OfpVersion.OpenFlow13 => OpenFlow13Codec.Instance,
        OfpVersion.OpenFlow10 => OpenFlow10Codec.Instance,
        _ => throw new NotSupportedException($"OpenFlow version 0x{(byte)version:x2} is not supported."),
    };
}
