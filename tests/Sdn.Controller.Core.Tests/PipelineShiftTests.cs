using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Configuration;
using Sdn.OpenFlow;
using Sdn.OpenFlow.Actions;
using Sdn.OpenFlow.Flows;
using Sdn.OpenFlow.Instructions;
using Sdn.OpenFlow.Matching;
using Sdn.OpenFlow.Messages;
using Sdn.OpenFlow.Messages.Multipart;

namespace Sdn.Controller.Core.Tests;

/// <summary>
/// The one place where the pipeline moves apps' tables: the dispatcher's per-app views. Forwarding apps write table 0
/// and the switch gets table 1 behind the ACL stage (OpenFlow 1.3 only); ingress apps and 1.0 switches keep table 0.
/// </summary>
public class PipelineShiftTests
{
    private sealed class SilentApp(string name) : IControllerApp
    {
        public string Name => name;
    }

    private static readonly FlowMod TableMiss = new(FlowModCommand.Add, Match.Any, [new ApplyActionsInstruction([new OutputAction(PortNumber.Controller, OutputAction.NoBuffer)])]) { Priority = 0 };

    /// <summary>A dispatcher with a forwarding app (cookie 0x10) and an ingress system app (cookie 0x20).</summary>
    private static AppDispatcher Create(FlowPipeline? pipeline)
    {
        var services = new ServiceCollection();
        if (pipeline is not null)
        {
            services.AddSingleton(pipeline);
        }

        AppRegistration[] regs =
        [
            new("Forward", new CookieRange(0x10), _ => new SilentApp("Forward")),
            new("Acl", new CookieRange(0x20), _ => new SilentApp("Acl")) { AlwaysOn = true, Stage = PipelineStage.Ingress },
        ];
        return new AppDispatcher(regs, Options.Create(new ControllerOptions { Apps = ["Forward"] }), services.BuildServiceProvider(), NullLogger<AppDispatcher>.Instance);
    }

    [Fact]
    public void Forwarding_apps_table_0_becomes_table_1_behind_the_acl_stage_and_ingress_apps_keep_table_0()
    {
        var d = Create(new FlowPipeline(aclStage: true));
        Assert.Equal(["Acl", "Forward"], d.Apps.Select(a => a.Name));
        var sw = new RecordingSwitch();
        var views = d.CreateViews(sw);

        views[1].Send(TableMiss);
        views[1].Send(new FlowRule { Priority = 1, Match = new FlowMatch { EthDst = new MacAddress(2) }, Output = new PortNumber(2) });
        views[0].Send(TableMiss with { Priority = 7 });

        var mods = sw.Sent.Cast<FlowMod>().ToList();
        Assert.Equal([(byte)1, (byte)1, (byte)0], mods.Select(m => m.TableId));
        Assert.Equal(0x1000_0000_0000_0000UL, mods[0].Cookie);
        Assert.Equal(TableMiss.Instructions, mods[0].Instructions);
        Assert.Equal((ushort)1, mods[1].Priority);
        Assert.Equal(0x1000_0000_0000_0000UL, mods[1].Cookie);
        Assert.Equal(0x2000_0000_0000_0000UL, mods[2].Cookie);
    }

    [Fact]
    public void Goto_targets_and_flow_stats_requests_shift_while_every_table_deletes_stay_every_table()
    {
        var d = Create(new FlowPipeline(aclStage: true));
        var sw = new RecordingSwitch();
        var forward = d.CreateViews(sw)[1];

        forward.Send(new FlowMod(FlowModCommand.Add, Match.Any, [new GotoTableInstruction(1)]) { TableId = 0, Priority = 5 });
        forward.Send(new CookieRange(0x10).DeleteAll());
        _ = forward.RequestAsync(new FlowStatsRequest(0, PortNumber.Any, GroupId.Any, 0, 0, Match.Any));
        _ = forward.RequestAsync(new FlowStatsRequest(FlowMod.AllTables, PortNumber.Any, GroupId.Any, 0, 0, Match.Any));

        var gotoFlow = Assert.IsType<FlowMod>(sw.Sent[0]);
        Assert.Equal(1, gotoFlow.TableId);
        Assert.Equal(new GotoTableInstruction(2), Assert.Single(gotoFlow.Instructions));
        var delete = Assert.IsType<FlowMod>(sw.Sent[1]);
        Assert.Equal(FlowMod.AllTables, delete.TableId);
        Assert.Equal(CookieRange.IdMask, delete.CookieMask);
        Assert.Equal(1, Assert.IsType<FlowStatsRequest>(sw.Sent[2]).TableId);
        Assert.Equal(FlowMod.AllTables, Assert.IsType<FlowStatsRequest>(sw.Sent[3]).TableId);
    }

    [Fact]
    public void OpenFlow10_switches_the_single_table_setting_and_no_pipeline_keep_everything_in_table_0()
    {
        var of10 = new RecordingSwitch { Version = OfpVersion.OpenFlow10 };
        Create(new FlowPipeline(aclStage: true)).CreateViews(of10)[1].Send(TableMiss);
        var single = new RecordingSwitch();
        Create(new FlowPipeline(aclStage: false)).CreateViews(single)[1].Send(TableMiss);
        var unregistered = new RecordingSwitch();
        var d = Create(null);
        d.CreateViews(unregistered)[1].Send(new FlowRule { Priority = 1, Output = new PortNumber(2) });

        Assert.Equal(0, Assert.IsType<FlowMod>(Assert.Single(of10.Sent)).TableId);
        Assert.Equal(0, Assert.IsType<FlowMod>(Assert.Single(single.Sent)).TableId);
        Assert.Equal(0, Assert.IsType<FlowMod>(Assert.Single(unregistered.Sent)).TableId);
        Assert.False(d.Pipeline.AclStage);
    }

    [Fact]
    public void Table_shift_keeps_all_tables_and_refuses_to_pass_the_last_table()
    {
        var shift = new SwitchTables(HasAclStage: true).ShiftFor(PipelineStage.Forwarding);
        Assert.Equal(1, shift.Offset);
        Assert.Equal(0, new SwitchTables(HasAclStage: true).ShiftFor(PipelineStage.Ingress).Offset);
        Assert.Equal(0, SwitchTables.Single.ShiftFor(PipelineStage.Forwarding).Offset);
        Assert.Equal(4, shift.Table(3));
        Assert.Equal(FlowMod.AllTables, shift.Table(FlowMod.AllTables));
        Assert.Throws<ArgumentOutOfRangeException>(() => shift.Table(TableShift.MaxTable));
        var untouched = TableMiss;
        Assert.Same(untouched, new TableShift(0).Apply(untouched));
    }
}
