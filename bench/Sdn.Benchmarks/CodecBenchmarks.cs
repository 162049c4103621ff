using System.Buffers;
using BenchmarkDotNet.Attributes;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Messages;

namespace Sdn.Benchmarks;

/// <summary>
/// OpenFlow 1.3 decode (<see cref="IOpenFlowCodec.Decode"/>: frame → record) and encode (record → one
/// <c>GetSpan</c>/<c>Advance</c> of an <see cref="IBufferWriter{T}"/>, as the switch writer does) of single messages.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class CodecBenchmarks
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private byte[] _packetInFrame = [];
    private byte[] _flowModFrame = [];
    private byte[] _manyFieldsFrame = [];
    private byte[] _packetOutFrame = [];
    private byte[] _portDescFrame = [];
    private OfpMessage _packetIn = null!;
    private OfpMessage _flowMod = null!;
    private OfpMessage _manyFields = null!;
    private OfpMessage _packetOut = null!;
    private OfpMessage _portDesc = null!;

    /// <summary>Ports in the PORT_DESC reply.</summary>
    public const int PortDescPorts = 16;

    [GlobalSetup]
    public void Setup()
    {
        _packetIn = Frames.PacketIn(Frames.HostA, Frames.HostB, 1, xid: 5);
        _flowMod = Frames.LearnedFlowMod();
        _manyFields = Frames.ManyFieldsFlowMod();
        _packetOut = Frames.FloodPacketOut();
        _portDesc = Frames.PortDescReply(PortDescPorts);
        _packetInFrame = Frames.Encode(_packetIn);
        _flowModFrame = Frames.Encode(_flowMod);
        _manyFieldsFrame = Frames.Encode(_manyFields);
        _packetOutFrame = Frames.Encode(_packetOut);
        _portDescFrame = Frames.Encode(_portDesc);
    }

    [Benchmark]
    [BenchmarkCategory("decode")]
    public OfpMessage Decode_PacketIn() => Frames.Codec.Decode(_packetInFrame);

    [Benchmark]
    [BenchmarkCategory("decode")]
    public OfpMessage Decode_FlowMod() => Frames.Codec.Decode(_flowModFrame);

    [Benchmark]
    [BenchmarkCategory("decode")]
    public OfpMessage Decode_FlowMod_13Fields() => Frames.Codec.Decode(_manyFieldsFrame);

    [Benchmark]
    [BenchmarkCategory("decode")]
    public OfpMessage Decode_PacketOut() => Frames.Codec.Decode(_packetOutFrame);

    [Benchmark]
    [BenchmarkCategory("decode")]
    public OfpMessage Decode_PortDescReply16() => Frames.Codec.Decode(_portDescFrame);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode_PacketIn() => Encode(_packetIn);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode_FlowMod() => Encode(_flowMod);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode_FlowMod_13Fields() => Encode(_manyFields);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode_PacketOut() => Encode(_packetOut);

    [Benchmark]
    [BenchmarkCategory("encode")]
    public int Encode_PortDescReply16() => Encode(_portDesc);

    private int Encode(OfpMessage message)
    {
        _output.ResetWrittenCount();
        return Frames.Codec.Write(message, _output);
    }
}
