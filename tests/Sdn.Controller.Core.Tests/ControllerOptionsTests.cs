using Sdn.Controller.Configuration;

namespace Sdn.Controller.Core.Tests;

public class ControllerOptionsTests
{
    private static ControllerOptions Valid() => new ControllerOptions().ApplyDefaults();

    [Fact]
    public void Defaults_are_valid_after_ApplyDefaults()
    {
        var o = Valid();
        Assert.Empty(o.Validate());
        Assert.Equal(["0.0.0.0:6653", "0.0.0.0:6633"], o.Endpoints);
        Assert.Equal([6653, 6633], o.ParsedEndpoints().Select(e => e.Port).ToArray());
        Assert.Equal(["L2Learning"], o.Apps);
        Assert.Equal(TimeSpan.FromSeconds(10), o.HandshakeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), o.EchoInterval);
        Assert.Equal(3, o.EchoMissLimit);
        Assert.Equal(0xffff, o.MissSendLength);
    }

    [Fact]
    public void ApplyDefaults_keeps_configured_values()
    {
        var o = new ControllerOptions { Endpoints = ["127.0.0.1:16653"], Apps = ["Hub"] }.ApplyDefaults();
        Assert.Equal(["127.0.0.1:16653"], o.Endpoints);
        Assert.Equal(["Hub"], o.Apps);
    }

    [Fact]
    public void Without_ApplyDefaults_empty_lists_are_reported()
    {
        var errors = new ControllerOptions().Validate();
        Assert.Contains(errors, e => e.Contains("Controller:Endpoints", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Controller:Apps", StringComparison.Ordinal));
    }

    public static TheoryData<string, Action<ControllerOptions>> BadValues() => new()
    {
        { "HandshakeTimeoutSeconds", o => o.HandshakeTimeoutSeconds = 0 },
        { "HandshakeTimeoutSeconds", o => o.HandshakeTimeoutSeconds = 601 },
        { "HandshakeTimeoutSeconds", o => o.HandshakeTimeoutSeconds = double.NaN },
        { "EchoIntervalSeconds", o => o.EchoIntervalSeconds = -1 },
        { "EchoIntervalSeconds", o => o.EchoIntervalSeconds = 3601 },
        { "EchoMissLimit", o => o.EchoMissLimit = 0 },
        { "EchoMissLimit", o => o.EchoMissLimit = 101 },
        { "RequestTimeoutSeconds", o => o.RequestTimeoutSeconds = 0 },
        { "RequestTimeoutSeconds", o => o.RequestTimeoutSeconds = double.PositiveInfinity },
        { "SendQueueCapacity", o => o.SendQueueCapacity = 15 },
        { "SendQueueCapacity", o => o.SendQueueCapacity = 10_000_001 },
        { "MissSendLength", o => o.MissSendLength = -1 },
        { "MissSendLength", o => o.MissSendLength = 0x10000 },
        { "MaxMessageLength", o => o.MaxMessageLength = 7 },
        { "MaxMessageLength", o => o.MaxMessageLength = 65536 },
        { "ShutdownTimeoutSeconds", o => o.ShutdownTimeoutSeconds = 0 },
        { "ShutdownTimeoutSeconds", o => o.ShutdownTimeoutSeconds = 61 },
        { "Endpoints", o => o.Endpoints = ["not-an-endpoint"] },
        { "Endpoints", o => o.Endpoints = ["0.0.0.0"] },
        { "Endpoints", o => o.Endpoints = ["0.0.0.0:0"] },
        { "Endpoints", o => o.Endpoints = ["0.0.0.0:70000"] },
        { "Endpoints", o => o.Endpoints = ["0.0.0.0:6653", "0.0.0.0:6653"] },
        { "Apps", o => o.Apps.Clear() },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Each_bad_value_gives_one_message_naming_the_setting(string setting, Action<ControllerOptions> spoil)
    {
        var o = Valid();
        spoil(o);
        var error = Assert.Single(o.Validate());
        Assert.Contains("Controller:" + setting, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_reported_at_once()
    {
        var o = Valid();
        o.EchoMissLimit = 0;
        o.MaxMessageLength = 1;
        o.Endpoints = ["x"];
        Assert.Equal(3, o.Validate().Count);
    }

    [Theory]
    [InlineData("[::]:6653", 6653)]
    [InlineData("127.0.0.1:1", 1)]
    [InlineData("10.0.0.1:65535", 65535)]
    public void Good_endpoints_parse(string text, int port)
    {
        var o = Valid();
        o.Endpoints = [text];
        Assert.Empty(o.Validate());
        Assert.Equal(port, Assert.Single(o.ParsedEndpoints()).Port);
    }

    [Fact]
    public void Boundary_values_are_valid()
    {
        var o = Valid();
        o.HandshakeTimeoutSeconds = 600;
        o.EchoIntervalSeconds = 0.001;
        o.EchoMissLimit = 100;
        o.SendQueueCapacity = 16;
        o.MissSendLength = 0;
        o.MaxMessageLength = 8;
        o.ShutdownTimeoutSeconds = 60;
        Assert.Empty(o.Validate());
    }
}
