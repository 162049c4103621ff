using System.Net;

namespace Sdn.Controller.Configuration;

/// <summary>
/// Settings of the controller, bound from the <c>Controller</c> configuration section (appsettings.json,
/// environment <c>Controller__Apps__0=Hub</c>, or command line <c>--Controller:Apps:0=Hub</c>).
/// <see cref="Validate"/> runs at start; a bad value stops the start with a message naming the setting.
/// </summary>
public sealed class ControllerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Controller";

    /// <summary>Endpoints used when none are configured: 6653 (IANA) and 6633 (legacy) on all IPv4 addresses.</summary>
    public static readonly IReadOnlyList<string> DefaultEndpoints = ["0.0.0.0:6653", "0.0.0.0:6633"];

    /// <summary>Apps used when none are configured.</summary>
    public static readonly IReadOnlyList<string> DefaultApps = ["L2Learning"];

    /// <summary>
    /// OpenFlow listen endpoints as <c>address:port</c> (IPv6 as <c>[::]:6653</c>); empty means <see cref="DefaultEndpoints"/>.
    /// (Defaults are not pre-filled because configuration binding appends to list items.)
    /// </summary>
    public List<string> Endpoints { get; set; } = [];

    /// <summary>Apps to run, by name (<c>L2Learning</c>, <c>Hub</c>), in dispatch order; empty means <see cref="DefaultApps"/>.</summary>
    public List<string> Apps { get; set; } = [];

    /// <summary>Time from TCP accept until the switch must be Ready (HELLO … BARRIER_REPLY), in seconds. Default 10.</summary>
    public double HandshakeTimeoutSeconds { get; set; } = 10;

    /// <summary>Whether the controller probes idle switches with ECHO_REQUEST. Default on.</summary>
    public bool EchoEnabled { get; set; } = true;

    /// <summary>Idle time before an ECHO_REQUEST is sent, and between unanswered ones, in seconds. Default 5.</summary>
    public double EchoIntervalSeconds { get; set; } = 5;

    /// <summary>Unanswered echo requests in a row after which the switch is disconnected. Default 3.</summary>
    public int EchoMissLimit { get; set; } = 3;

    /// <summary>Time a request (barrier, multipart) waits for its reply, in seconds. Default 10.</summary>
    public double RequestTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Messages sent from outside a switch's connection loop (timers, other switches' apps, the API) that may wait
    /// for it; a switch that falls further behind is disconnected. Default 65536.
    /// </summary>
    public int SendQueueCapacity { get; set; } = 65536;

    /// <summary>
    /// A write to a switch that stays blocked this long (the switch stopped reading while the controller has data
    /// for it) disconnects the switch, in seconds. Default 10.
    /// </summary>
    public double WriteStallTimeoutSeconds { get; set; } = 10;

    /// <summary><c>miss_send_len</c> sent in SET_CONFIG, bytes (0xffff = whole packet, no buffering). Default 0xffff.</summary>
    public int MissSendLength { get; set; } = 0xffff;

    /// <summary>Largest message accepted from a switch, bytes (8..65535). Default 65535.</summary>
    public int MaxMessageLength { get; set; } = 65535;

    /// <summary>
    /// Run connection loops inline on the socket threads (Kestrel's <c>UnsafePreferInlineScheduling</c> plus the
    /// runtime's inline socket completions, <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c>, which the host sets
    /// before it creates any socket unless the environment already sets it) instead of hopping to the thread pool
    /// per read and per flush. Safe because no app handler blocks (none may), each loop yields after a budget of
    /// messages (fairness), and wake-ups from other threads go through the thread pool. Read at start. Default on.
    /// </summary>
    public bool InlineScheduling { get; set; } = true;

    /// <summary>
    /// Kestrel's <c>WaitForDataBeforeAllocatingBuffer</c>: each socket read first waits with a zero-byte receive and
    /// rents a pipe block only when data has arrived, so an idle switch holds no block (see
    /// <see cref="TransportBlockSize"/>). Off (the default) saves that receive system call on every read: 5–10 % more
    /// latency-mode round trips per second in alternating runs, and a 1000-switch storm measured the same resident
    /// memory per idle switch either way (a waiting connection holds a block, but only the pages ever written are
    /// resident; docs/BENCHMARKS.md). On suits very many mostly idle connections. Read at start.
    /// </summary>
    public bool WaitForDataBeforeAllocatingBuffer { get; set; }

    /// <summary>
    /// Bytes per block of the memory pool behind every connection's pipes (Kestrel's socket transport); 0 keeps
    /// Kestrel's own pool (4 KiB blocks). Big blocks let one socket read carry hundreds of PACKET_INs and one flush
    /// send hundreds of replies. Read at start. Default 65536.
    /// </summary>
    public int TransportBlockSize { get; set; } = 65536;

    /// <summary>Time graceful shutdown waits for switch connections to close, in seconds. Default 2.</summary>
    public double ShutdownTimeoutSeconds { get; set; } = 2;

    /// <summary>Handshake timeout as a span.</summary>
    public TimeSpan HandshakeTimeout => TimeSpan.FromSeconds(HandshakeTimeoutSeconds);

    /// <summary>Echo interval as a span.</summary>
    public TimeSpan EchoInterval => TimeSpan.FromSeconds(EchoIntervalSeconds);

    /// <summary>Request timeout as a span.</summary>
    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(RequestTimeoutSeconds);

    /// <summary>Parsed <see cref="Endpoints"/>.</summary>
    /// <exception cref="FormatException">An endpoint is not <c>address:port</c>.</exception>
    public IReadOnlyList<IPEndPoint> ParsedEndpoints() => Endpoints.Select(ParseEndpoint).ToArray();

    /// <summary>Fills empty <see cref="Endpoints"/> and <see cref="Apps"/> with their defaults (call after binding).</summary>
    /// <returns>This instance.</returns>
    public ControllerOptions ApplyDefaults()
    {
        if (Endpoints.Count == 0)
        {
            Endpoints.AddRange(DefaultEndpoints);
        }

        if (Apps.Count == 0)
        {
            Apps.AddRange(DefaultApps);
        }

        return this;
    }

    /// <summary>Checks every setting (after <see cref="ApplyDefaults"/>).</summary>
    /// <returns>One message per bad setting, naming it; empty when all are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoints.Count == 0)
        {
            errors.Add("Controller:Endpoints must list at least one address:port.");
        }

        foreach (var e in Endpoints)
        {
            try
            {
                ParseEndpoint(e);
            }
            catch (FormatException ex)
            {
                errors.Add($"Controller:Endpoints: {ex.Message}");
            }
        }

        if (Endpoints.Distinct(StringComparer.OrdinalIgnoreCase).Count() != Endpoints.Count)
        {
            errors.Add("Controller:Endpoints lists the same endpoint twice.");
        }

        if (Apps.Count == 0)
        {
            errors.Add("Controller:Apps must name at least one app.");
        }

        Check(HandshakeTimeoutSeconds is > 0 and <= 600, "Controller:HandshakeTimeoutSeconds must be in (0, 600].", errors);
        Check(EchoIntervalSeconds is > 0 and <= 3600, "Controller:EchoIntervalSeconds must be in (0, 3600].", errors);
        Check(EchoMissLimit is >= 1 and <= 100, "Controller:EchoMissLimit must be 1..100.", errors);
        Check(RequestTimeoutSeconds is > 0 and <= 600, "Controller:RequestTimeoutSeconds must be in (0, 600].", errors);
        Check(SendQueueCapacity is >= 16 and <= 10_000_000, "Controller:SendQueueCapacity must be 16..10000000.", errors);
        Check(WriteStallTimeoutSeconds is > 0 and <= 3600, "Controller:WriteStallTimeoutSeconds must be in (0, 3600].", errors);
        Check(MissSendLength is >= 0 and <= 0xffff, "Controller:MissSendLength must be 0..65535.", errors);
        Check(MaxMessageLength is >= 8 and <= 65535, "Controller:MaxMessageLength must be 8..65535.", errors);
        Check(TransportBlockSize is 0 or (>= 4096 and <= 1 << 20), "Controller:TransportBlockSize must be 0 (Kestrel's pool) or 4096..1048576.", errors);
        Check(ShutdownTimeoutSeconds is > 0 and <= 60, "Controller:ShutdownTimeoutSeconds must be in (0, 60].", errors);
        return errors;
    }

    private static void Check(bool ok, string message, List<string> errors)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }

    private static IPEndPoint ParseEndpoint(string text)
    {
        if (!IPEndPoint.TryParse(text, out var ep) || ep.Port == 0)
        {
            throw new FormatException($"'{text}' is not address:port (e.g. 0.0.0.0:6653 or [::]:6653).");
        }

        return ep;
    }
}
