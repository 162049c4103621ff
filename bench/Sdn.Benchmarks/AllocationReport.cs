using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Sdn.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- alloc</c>: for each codec and hot-path operation, the exact bytes allocated per call
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/> over many calls) and which types those bytes go to, from the
/// runtime's sampled <c>GCAllocationTick</c> events (one sample per ~100 KB allocated, naming the type that crossed
/// the threshold; shares are proportional to bytes, so they are estimates with sampling error). Run it with
/// <c>DOTNET_TieredPGO=0</c> too: dynamic PGO lets the JIT stack-allocate some enumerators, so the figures differ.
/// </summary>
internal static class AllocationReport
{
    private const int Warmup = 20_000;
    private const int Measured = 200_000;

    public static void Run()
    {
        var codec = new CodecBenchmarks();
        codec.Setup();
        var framing = new FramingBenchmarks();
        framing.Setup();
        var hot = new HotPathBenchmarks();
        hot.Setup();

        (string Name, int PerCall, Action Call)[] scenarios =
        [
            ("Decode PACKET_IN", 1, () => codec.Decode_PacketIn()),
            ("Decode FLOW_MOD (3 OXM)", 1, () => codec.Decode_FlowMod()),
            ("Decode FLOW_MOD (13 OXM)", 1, () => codec.Decode_FlowMod_13Fields()),
            ("Decode PACKET_OUT", 1, () => codec.Decode_PacketOut()),
            ("Decode PORT_DESC reply (16 ports)", 1, () => codec.Decode_PortDescReply16()),
            ("Encode PACKET_IN", 1, () => codec.Encode_PacketIn()),
            ("Encode FLOW_MOD (3 OXM)", 1, () => codec.Encode_FlowMod()),
            ("Encode FLOW_MOD (13 OXM)", 1, () => codec.Encode_FlowMod_13Fields()),
            ("Encode PACKET_OUT", 1, () => codec.Encode_PacketOut()),
            ("Encode PORT_DESC reply (16 ports)", 1, () => codec.Encode_PortDescReply16()),
            ("OpenFlowReader.TryRead, contiguous (per message)", FramingBenchmarks.Messages, () => framing.TryRead_Contiguous()),
            ("OpenFlowReader.TryRead, 4 KiB segments (per message)", FramingBenchmarks.Messages, () => framing.TryRead_Segmented4K()),
            ("OfpFramer.TryReadFrame, contiguous (per message)", FramingBenchmarks.Messages, () => framing.TryReadFrame_Contiguous()),
            ("PacketInView.TryParse (1.3)", 1, () => codec.Parse_PacketInView()),
            ("Write FlowRule (struct, L2 flow)", 1, () => codec.Write_FlowRule()),
            ("Write PacketOutSpec (struct, flood with data)", 1, () => codec.Write_PacketOutSpec()),
            ("Hot path: parse + L2Learning + encode", 1, () => hot.App()),
            ("Hot path via AppDispatcher (cookie stamping)", 1, () => hot.Dispatcher()),
            ("Hot path as the product dispatches (topology app first)", 1, () => hot.Product()),
        ];

        using var listener = new AllocationTickListener();
        Console.WriteLine($"Allocation report: {Measured:N0} measured calls per scenario after {Warmup:N0} warm-up calls; .NET {Environment.Version}");
        foreach (var (name, perCall, call) in scenarios)
        {
            for (var i = 0; i < Warmup; i++)
            {
                call();
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Measured; i++)
            {
                call();
            }

            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

            // Sampled pass. A call allocates the same objects in the same order every time, so a fixed ~100 KB sampling
            // period can keep landing on the same object (aliasing). Random-sized filler arrays of a type of our own
            // between calls shift the phase; their samples are dropped.
            Thread.Sleep(300);
            listener.Reset();
            var random = new Random(42);
            for (var i = 0; i < Measured; i++)
            {
                call();
                if (random.Next(4) == 0)
                {
                    GC.KeepAlive(new Filler[random.Next(1, 64)]);
                }
            }

            Thread.Sleep(1000); // let the event dispatcher catch up
            var samples = listener.Take();
            foreach (var filler in samples.Keys.Where(k => k.Contains(nameof(Filler), StringComparison.Ordinal)).ToList())
            {
                samples.Remove(filler);
            }
            var perOp = (double)bytes / Measured / perCall;
            Console.WriteLine();
            Console.WriteLine($"## {name}: {perOp:0.#} B per call");
            var total = samples.Values.Sum(s => s.Bytes);
            foreach (var (type, s) in samples.OrderByDescending(kv => kv.Value.Bytes))
            {
                var share = (double)s.Bytes / total;
                if (share < 0.01)
                {
                    continue;
                }

                Console.WriteLine($"   {share,6:P0}  ~{share * perOp,6:0} B/call  {type}  ({s.Count} samples, object {s.ObjectSize} B)");
            }
        }
    }

    private sealed class AllocationTickListener : EventListener
    {
        private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
        private const EventKeywords GcKeyword = (EventKeywords)0x1;
        private ConcurrentDictionary<string, Sample> _samples = new();

        public void Reset() => _samples = new ConcurrentDictionary<string, Sample>();

        public Dictionary<string, Sample> Take() => new(_samples);

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == RuntimeSource)
            {
                EnableEvents(source, EventLevel.Verbose, GcKeyword);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            {
                return;
            }

            var type = Payload(e, "TypeName") as string ?? "?";
            if (type.StartsWith("System.Diagnostics.Tracing.", StringComparison.Ordinal))
            {
                return; // this listener's own allocations
            }

            var amount = Convert.ToInt64(Payload(e, "AllocationAmount64") ?? Payload(e, "AllocationAmount") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            var size = Convert.ToInt64(Payload(e, "ObjectSize") ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            _samples.AddOrUpdate(type, _ => new Sample(1, amount, size), (_, s) => s with { Count = s.Count + 1, Bytes = s.Bytes + amount });
        }

        private static object? Payload(EventWrittenEventArgs e, string name)
        {
            var i = e.PayloadNames!.IndexOf(name);
            return i >= 0 ? e.Payload![i] : null;
        }
    }

    private readonly record struct Sample(int Count, long Bytes, long ObjectSize);

    private sealed class Filler
    {
    }
}
