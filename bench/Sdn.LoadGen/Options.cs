using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Sdn.LoadGen;

/// <summary>What the run measures.</summary>
public enum RunMode
{
    /// <summary>Keep the pipe full: PACKET_INs written in big batches, responses counted per second.</summary>
    Throughput,

    /// <summary>One outstanding PACKET_IN per switch; the next is sent when its response arrives.</summary>
    Latency,

    /// <summary>K switches connect at once; time until all complete the handshake, memory per switch.</summary>
    Storm,
}

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
public sealed class Options
{
    /// <summary>Controller address (loopback only).</summary>
    public IPEndPoint Controller { get; private set; } = new(IPAddress.Loopback, 6653);

    /// <summary>Wire version: <see cref="Wire.V10"/> or <see cref="Wire.V13"/>.</summary>
    public byte Version { get; private set; } = Wire.V10;

    /// <summary>Mode.</summary>
    public RunMode Mode { get; private set; } = RunMode.Throughput;

    /// <summary>Emulated switches.</summary>
    public int Switches { get; private set; } = 16;

    /// <summary>Distinct source MACs per switch.</summary>
    public int Macs { get; private set; } = 100_000;

    /// <summary>Ports per switch; in_port cycles over them.</summary>
    public int Ports { get; private set; } = 4;

    /// <summary>Loops in all, warm-up included.</summary>
    public int Loops { get; private set; } = 10;

    /// <summary>Length of one loop.</summary>
    public int LoopMs { get; private set; } = 1000;

    /// <summary>Leading loops left out of the statistics.</summary>
    public int Warmup { get; private set; } = 1;

    /// <summary>PACKET_INs per write in throughput mode (0: as many as fit in 64 KiB).</summary>
    public int Batch { get; private set; }

    /// <summary>Pause after every switch is ready, before traffic starts.</summary>
    public int StartDelayMs { get; private set; } = 100;

    /// <summary>Time allowed for every switch to connect and become ready (traffic modes).</summary>
    public int ConnectTimeoutMs { get; private set; } = 10_000;

    /// <summary>Readiness fallback: quiet time after FEATURES_REPLY when the controller sends neither BARRIER nor FLOW_MOD.</summary>
    public int SettleMs { get; private set; } = 250;

    /// <summary>Latency mode: a PACKET_IN unanswered this long is counted lost and the next is sent.</summary>
    public int LatencyTimeoutMs { get; private set; } = 200;

    /// <summary>Misbehaving switches (the last M of the N).</summary>
    public int Malicious { get; private set; }

    /// <summary>A misbehaving switch sends one bad message after every this many good PACKET_INs.</summary>
    public int BadEvery { get; private set; } = 10;

    /// <summary>Bad message kinds to cycle through.</summary>
    public IReadOnlyList<BadKind> BadKinds { get; private set; } = BadMessages.All;

    /// <summary>Storm mode: controller process whose VmRSS is read before and after.</summary>
    public int? ControllerPid { get; private set; }

    /// <summary>Storm mode: how long to keep the switches connected after all are ready (the RSS is read at the end).</summary>
    public int HoldMs { get; private set; } = 1000;

    /// <summary>Storm mode: time allowed for all switches to become ready.</summary>
    public int StormTimeoutMs { get; private set; } = 30_000;

    /// <summary>Datapath id of switch 0 (switch i gets base + i).</summary>
    public ulong DpidBase { get; private set; } = 1;

    /// <summary>Print every switch's rate each loop.</summary>
    public bool PerSwitch { get; private set; }

    /// <summary>Print the hex of each template message and exit (check with <c>ovs-ofctl ofp-print</c>).</summary>
    public bool Dump { get; private set; }

    /// <summary>Whether <c>--switches</c> was given (storm mode defaults to 1000 otherwise).</summary>
    private bool _switchesGiven;

    /// <summary>The help text.</summary>
    public const string Usage = """
        sdn-loadgen: cbench-style OpenFlow load generator (emulated switches over loopback TCP).

        usage: sdn-loadgen [options]

          -c, --controller HOST:PORT   controller to connect to (loopback only)            [127.0.0.1:6653]
              --of 1.0|1.3             OpenFlow version the switches speak                  [1.0]
          -m, --mode MODE              throughput | latency | storm                         [throughput]
          -s, --switches N             emulated switches (storm: K switches)                [16; storm 1000]
          -M, --macs N                 distinct source MACs per switch                      [100000]
              --ports N                ports per switch; in_port cycles 1..N                [4]
          -l, --loops N                loops in all, warm-up included                       [10]
              --loop-ms MS             length of one loop                                   [1000]
          -w, --warmup N               leading loops left out of the statistics             [1]
          -b, --batch N                PACKET_INs per write, throughput mode (0 = 64 KiB)   [0]
              --start-delay-ms MS      pause between "all switches ready" and traffic       [100]
              --connect-timeout-ms MS  time allowed for all switches to get ready           [10000]
              --settle-ms MS           readiness fallback (see below)                       [250]
              --latency-timeout-ms MS  latency mode: unanswered PACKET_IN counted lost      [200]
              --malicious M            the last M switches misbehave (bad-input mode)       [0]
              --bad-every K            a misbehaving switch sends 1 bad message per K good  [10]
              --bad-kinds LIST         comma list of: unknown-type, truncated, garbage-match,
                                       oversized, oversized-unknown, bad-length, bad-version [all]
              --controller-pid PID     storm: report the controller's VmRSS growth per switch
              --hold-ms MS             storm: stay connected this long after all are ready  [1000]
              --storm-timeout-ms MS    storm: time allowed for all switches to get ready    [30000]
              --dpid-base N            datapath id of switch 0 (switch i: base + i)         [1]
              --per-switch             print each switch's rate every loop
              --dump                   print the template messages in hex and exit
          -h, --help                   this text

        Each switch sends HELLO at once on connect and answers FEATURES_REQUEST, GET_CONFIG_REQUEST, BARRIER_REQUEST,
        ECHO_REQUEST, ROLE_REQUEST (1.3) and STATS/MULTIPART DESC, FLOW and PORT_DESC (1.3); other requests get an ERROR.
        A switch is READY once it has sent FEATURES_REPLY and then received a BARRIER_REQUEST (answered) or a FLOW_MOD,
        whichever comes first; if the controller sends neither, once nothing has arrived for --settle-ms (the ready
        time is then the last message's arrival).

        Responses = FLOW_MOD (ADD/MODIFY/MODIFY_STRICT) + PACKET_OUT messages received, counted per switch from the
        OpenFlow headers. Throughput: every switch writes batches of buffered PACKET_INs as fast as TCP takes them.
        Latency: one PACKET_IN outstanding per switch; the response carrying its buffer_id releases the next.

        Exit codes: 0 done; 1 bad usage; 2 a switch could not connect or complete the handshake; 3 the controller
        closed a well-behaved switch's connection during the run (results are still printed).
        """;

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <returns>The options, or null with <paramref name="error"/> set (null error and null options: help was asked).</returns>
    public static Options? Parse(string[] args, out string? error)
    {
        var o = new Options();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Length)
                {
                    throw new FormatException($"{arg} needs a value");
                }

                return args[++i];
            }

            int Int(int min, int max)
            {
                var text = Value();
                if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                {
                    throw new FormatException($"{arg}: '{text}' is not an integer in {min}..{max}");
                }

                return v;
            }

            try
            {
                switch (arg)
                {
                    case "-h" or "--help":
                        return null;
                    case "-c" or "--controller":
                        o.Controller = ParseEndpoint(Value());
                        break;
                    case "--of":
                        o.Version = Value() switch
                        {
                            "1.0" or "10" => Wire.V10,
                            "1.3" or "13" => Wire.V13,
                            var v => throw new FormatException($"--of: '{v}' is not 1.0 or 1.3"),
                        };
                        break;
                    case "-m" or "--mode":
                        o.Mode = Value().ToLowerInvariant() switch
                        {
                            "throughput" or "t" => RunMode.Throughput,
                            "latency" or "l" => RunMode.Latency,
                            "storm" or "s" => RunMode.Storm,
                            var v => throw new FormatException($"--mode: '{v}' is not throughput, latency or storm"),
                        };
                        break;
                    case "-s" or "--switches":
                        o.Switches = Int(1, 60_000);
                        o._switchesGiven = true;
                        break;
                    case "-M" or "--macs":
                        o.Macs = Int(1, 1 << 24);
                        break;
                    case "--ports":
                        o.Ports = Int(1, 255);
                        break;
                    case "-l" or "--loops":
                        o.Loops = Int(1, 100_000);
                        break;
                    case "--loop-ms":
                        o.LoopMs = Int(10, 3_600_000);
                        break;
                    case "-w" or "--warmup":
                        o.Warmup = Int(0, 100_000);
                        break;
                    case "-b" or "--batch":
                        o.Batch = Int(0, 100_000);
                        break;
                    case "--start-delay-ms":
                        o.StartDelayMs = Int(0, 600_000);
                        break;
                    case "--connect-timeout-ms":
                        o.ConnectTimeoutMs = Int(1, 600_000);
                        break;
                    case "--settle-ms":
                        o.SettleMs = Int(1, 600_000);
                        break;
                    case "--latency-timeout-ms":
                        o.LatencyTimeoutMs = Int(1, 600_000);
                        break;
                    case "--malicious":
                        o.Malicious = Int(0, 60_000);
                        break;
                    case "--bad-every":
                        o.BadEvery = Int(1, 100_000);
                        break;
                    case "--bad-kinds":
                        var kinds = new List<BadKind>();
                        foreach (var name in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            if (!BadMessages.TryParse(name, out var k))
                            {
                                throw new FormatException($"--bad-kinds: unknown kind '{name}'");
                            }

                            kinds.Add(k);
                        }

                        o.BadKinds = kinds.Count > 0 ? kinds : throw new FormatException("--bad-kinds: empty list");
                        break;
                    case "--controller-pid":
                        o.ControllerPid = Int(1, int.MaxValue);
                        break;
                    case "--hold-ms":
                        o.HoldMs = Int(0, 3_600_000);
                        break;
                    case "--storm-timeout-ms":
                        o.StormTimeoutMs = Int(1, 3_600_000);
                        break;
                    case "--dpid-base":
                        var text = Value();
                        o.DpidBase = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                            ? ulong.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                            : ulong.Parse(text, CultureInfo.InvariantCulture);
                        break;
                    case "--per-switch":
                        o.PerSwitch = true;
                        break;
                    case "--dump":
                        o.Dump = true;
                        break;
                    default:
                        throw new FormatException($"unknown option '{args[i]}'");
                }
            }
            catch (FormatException ex)
            {
                error = ex.Message;
                return null;
            }
            catch (OverflowException)
            {
                error = $"{arg}: value out of range";
                return null;
            }
        }

        if (o.Mode == RunMode.Storm && !o._switchesGiven)
        {
            o.Switches = 1000;
        }

        if (o.Mode != RunMode.Storm && o.Warmup >= o.Loops)
        {
            error = $"--warmup ({o.Warmup}) must be smaller than --loops ({o.Loops})";
            return null;
        }

        if (o.Malicious >= o.Switches && o.Mode != RunMode.Storm)
        {
            error = $"--malicious ({o.Malicious}) must leave at least one well-behaved switch of {o.Switches}";
            return null;
        }

        return o;
    }

    private static IPEndPoint ParseEndpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"--controller: '{text}' is not HOST:PORT");
        }

        var host = text[..colon].Trim('[', ']');
        IPAddress address;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            address = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(host, out address!))
        {
            throw new FormatException($"--controller: '{host}' is not an IP address or localhost");
        }

        if (!IPAddress.IsLoopback(address))
        {
            throw new FormatException($"--controller: {address} is not a loopback address (this generator is for loopback only)");
        }

        return new IPEndPoint(address, port);
    }

    /// <summary>Address family of the controller endpoint.</summary>
    public AddressFamily Family => Controller.AddressFamily;
}
