using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Configuration;
using Sdn.Controller.Topology;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Messages;
using static Sdn.Controller.Apps.Tests.Support.Frames;

namespace Sdn.Controller.Apps.Tests;

/// <summary>
/// The real apps behind the real dispatcher with the two-table pipeline: forwarding apps (L2Learning, Hub,
/// ShortestPath) keep Ryu's simple_switch_13 flows apart from the table (1), discovery's LLDP punt stays in table 0
/// ahead of the ACL, and OpenFlow 1.0 switches keep everything in table 0.
/// </summary>
public sealed class PipelineTests : IDisposable
{
    private ServiceProvider? _services;

    private AppDispatcher Dispatcher(string app, bool aclStage)
    {
        var config = new ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IOptions<ControllerOptions>>(Options.Create(new ControllerOptions { Apps = [app] }));
        Assert.Empty(services.AddTopology(config));
        services.AddBuiltInApps();
        services.AddSingleton(new FlowPipeline(aclStage));
        services.AddSingleton<AppDispatcher>();
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<AppDispatcher>();
    }

    private static (AppViews Views, RecordingSwitch Switch) Up(AppDispatcher d, OfpVersion version = OfpVersion.OpenFlow13)
    {
        var sw = new RecordingSwitch(1) { Version = version };
        var views = d.CreateViews(sw);
        d.SwitchUp(views);
        return (views, sw);
    }

    private static bool IsLldpPunt(FlowMod f) => f.Match.Get(Sdn.OpenFlow.Matching.OxmBasicField.EthType)?.ValueAsUInt64() == 0x88cc;

    [Fact]
    public void L2Learning_table_miss_and_learned_flows_go_to_table_1_and_the_lldp_punt_stays_in_table_0()
    {
        var d = Dispatcher("L2Learning", aclStage: true);
        var (views, sw) = Up(d);

        var mods = sw.Sent.OfType<FlowMod>().ToList();
        var lldp = Assert.Single(mods, IsLldpPunt);
        Assert.Equal(0, lldp.TableId);
        Assert.Equal(0xffff, lldp.Priority);
        var miss = Assert.Single(mods, f => f.Priority == 0);
        Assert.Equal(1, miss.TableId);
        Assert.Equal(0x1000_0000_0000_0000UL, miss.Cookie);
        Assert.Equal(Sdn.OpenFlow.Matching.Match.Any, miss.Match);
        Assert.Equal([new ApplyActionsInstruction([new OutputAction(PortNumber.Controller, OutputAction.NoBuffer)])], miss.Instructions);

        sw.Sent.Clear();
        d.PacketIn(views, PacketIn(1, Ethernet(Mac(2), Mac(1), Ipv4)).View());
        d.PacketIn(views, PacketIn(2, Ethernet(Mac(1), Mac(2), Ipv4)).View());
        var learned = Assert.Single(sw.Sent.OfType<FlowMod>());
        Assert.Equal(1, learned.TableId);
        Assert.Equal(L2Learning.L2LearningApp.LearnedPriority, learned.Priority);
        Assert.Equal(new PortNumber(1), Assert.IsType<OutputAction>(Assert.Single(Assert.IsType<ApplyActionsInstruction>(Assert.Single(learned.Instructions)).Actions)).Port);
    }

    [Theory]
    [InlineData("Hub")]
    [InlineData("ShortestPath")]
    public void Other_forwarding_apps_write_table_1_only(string app)
    {
        var (_, sw) = Up(Dispatcher(app, aclStage: true));
        var mods = sw.Sent.OfType<FlowMod>().Where(f => !IsLldpPunt(f)).ToList();
        Assert.NotEmpty(mods);
        Assert.All(mods, f => Assert.True(f.TableId == 1 || (f.Command is FlowModCommand.Delete && f.TableId == FlowMod.AllTables), $"{f}"));
    }

    [Theory]
    [InlineData(true, OfpVersion.OpenFlow10)]
    [InlineData(false, OfpVersion.OpenFlow13)]
    public void Without_the_acl_stage_everything_stays_in_table_0(bool aclStage, OfpVersion version)
    {
        var (_, sw) = Up(Dispatcher("L2Learning", aclStage), version);
        Assert.All(sw.Sent.OfType<FlowMod>(), f => Assert.Equal(0, f.TableId));
        Assert.Contains(sw.Sent.OfType<FlowMod>(), f => f.Priority == 0);
    }

    public void Dispose() => _services?.Dispose();
}
