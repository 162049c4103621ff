using System.Buffers;
using BenchmarkDotNet.Attributes;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Messages;

namespace Sdn.Benchmarks;

/// <summary>
/// OpenFlow 1.3 decode (<see cref="IOpenFlowCodec.Decode"/>: frame → record) and encode (record → one
/// <c>GetSpan</c>/<c>Advance</c> of an <see cref="IBufferWriter{T}"/>, as the switch writer does) of single messages;
/// and the allocation-free hot-path forms: <see cref="PacketInView"/> parsing and the <see cref="FlowRule"/> /
/// <see cref="PacketOutSpec"/> writers.
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
    private byte[] _floodData = [];
    private readonly FlowRule _flowRule = new()
    {
        Priority = 1,
        Cookie = 0x1000_0000_0000_0000UL,
        Match = new FlowMatch { InPort = new PortNumber(1), EthDst = Frames.HostB, EthSrc = Frames.HostA },
        Output = new PortNumber(2),
        OutputMaxLength = 0xffe5,
        BufferId = new BufferId(0x100),
    };

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
        _floodData = Frames.EthernetFrame(Frames.HostA, Frames.HostB);

        // The struct writers must give the same bytes as the records they stand for.
        _output.ResetWrittenCount();
        Write_FlowRule();
        if (!_output.WrittenSpan.SequenceEqual(_flowModFrame))
        {
            throw new InvalidOperationException("FlowRule and FlowMod encodings differ");
        }

        _output.ResetWrittenCount();
        Write_PacketOutSpec();
        if (!_output.WrittenSpan.SequenceEqual(_packetOutFrame))
        {
            throw new InvalidOperationException("PacketOutSpec and PacketOut encodings differ");
        }
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

    [Benchmark]
    [BenchmarkCategory("hot")]
    public bool Parse_PacketInView() => PacketInView.TryParse(_packetInFrame, OfpVersion.OpenFlow13, out _);

    [Benchmark]
    [BenchmarkCategory("hot")]
    public int Write_FlowRule()
    {
        _output.ResetWrittenCount();
        var span = _output.GetSpan(FlowRule.MaxWireLength);
        var n = Frames.Codec.Write(_flowRule, new Xid(7), span);
        _output.Advance(n);
        return n;
    }

    [Benchmark]
    [BenchmarkCategory("hot")]
    public int Write_PacketOutSpec()
    {
        _output.ResetWrittenCount();
        var spec = new PacketOutSpec(BufferId.NoBuffer, new PortNumber(1), PortNumber.Flood, _floodData, 0xffe5);
        var span = _output.GetSpan(Frames.Codec.GetLength(spec));
        var n = Frames.Codec.Write(spec, new Xid(9), span);
        _output.Advance(n);
        return n;
    }

    private int Encode(OfpMessage message)
    {
        _output.ResetWrittenCount();
        return Frames.Codec.Write(message, _output);
    }
}
