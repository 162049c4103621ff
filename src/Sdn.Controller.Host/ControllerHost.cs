using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Sdn.Controller.Apps;
using Sdn.Controller.Channel;
using Sdn.Controller.Configuration;
using Sdn.Controller.Host.Http;
using Sdn.Controller.Host.Transport;
using Sdn.Controller.Topology;
using Sdn.Controller.Northbound;
using Sdn.Controller.Northbound.Policies;
using Sdn.Grpc;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Serilog;

namespace Sdn.Controller.Host;

/// <summary>
/// Builds and runs the controller: Generic Host + Kestrel listeners on <c>Controller:Endpoints</c> speaking OpenFlow,
/// Serilog console logging, configuration from appsettings.json, environment (<c>Controller__Apps__0=Hub</c>) and
/// command line (<c>--Controller:Apps:0=Hub</c>).
/// </summary>
public static class ControllerHost
{
    /// <summary>Runs until SIGINT/SIGTERM.</summary>
    /// <returns>Process exit code: 0 after a clean stop, 1 when the configuration is invalid or start fails.</returns>
    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var app = Build(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OptionsValidationException or InvalidConfigurationException or PolicyStoreException)
        {
            Log.Fatal("Controller failed to start: {Error}", ex.Message);
            return 1;
        }
        finally
        {
            await Log.CloseAndFlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Builds the controller without starting it (tests start it with <c>StartAsync</c> on loopback endpoints).
    /// Sets the global Serilog logger from configuration.
    /// </summary>
    /// <param name="args">Command-line configuration, e.g. <c>--Controller:Endpoints:0=127.0.0.1:6653</c>.</param>
    /// <exception cref="InvalidConfigurationException">A setting is invalid (every problem is listed).</exception>
    /// <exception cref="InvalidOperationException">An app name is unknown.</exception>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        Log.Logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
        var options = (builder.Configuration.GetSection(ControllerOptions.Section).Get<ControllerOptions>() ?? new ControllerOptions()).ApplyDefaults();
        var errors = options.Validate().ToList();
        errors.AddRange(builder.Services.AddTopology(builder.Configuration));
        errors.AddRange(BuiltInApps.Validate(builder.Configuration, options.Apps));
        var api = builder.Configuration.GetSection(HttpApiOptions.Section).Get<HttpApiOptions>() ?? new HttpApiOptions();
        errors.AddRange(api.Validate());
        errors.AddRange(builder.Services.AddNorthbound(builder.Configuration));
        var northbound = builder.Configuration.GetSection(NorthboundOptions.Section).Get<NorthboundOptions>() ?? new NorthboundOptions();
        if (errors.Count > 0)
        {
            throw new InvalidConfigurationException(errors);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(Log.Logger, dispose: false);
        builder.Services.Configure<ControllerOptions>(builder.Configuration.GetSection(ControllerOptions.Section));
        builder.Services.PostConfigure<ControllerOptions>(o => o.ApplyDefaults());
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds + 1));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SwitchRegistry>();
        builder.Services.AddSingleton<AppDispatcher>();
        builder.Services.AddSingleton<SwitchConnectionFactory>();
        builder.Services.AddBuiltInApps();
        if (options.TransportBlockSize > 0)
        {
            builder.Services.AddSingleton<IMemoryPoolFactory<byte>>(new LargeBlockMemoryPoolFactory(options.TransportBlockSize));
        }

        if (options.InlineScheduling)
        {
            SocketEngine.RequestInlineCompletions();
        }

        builder.WebHost.UseSockets(sockets =>
        {
            sockets.UnsafePreferInlineScheduling = options.InlineScheduling;
            sockets.WaitForDataBeforeAllocatingBuffer = options.WaitForDataBeforeAllocatingBuffer;
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var endpoint in options.ParsedEndpoints())
            {
                kestrel.Listen(endpoint, listen => listen.UseConnectionHandler<OpenFlowConnectionHandler>());
            }

            if (api.ParsedEndpoint() is { } http)
            {
                kestrel.Listen(http, listen => listen.Protocols = HttpProtocols.Http1);
            }

            if (northbound.ParsedGrpcEndpoint() is { } grpc)
            {
                kestrel.ListenGrpc(grpc.Address, grpc.Port);
            }
        });

        var app = builder.Build();
        app.MapStatusApi();
        app.MapNorthbound();
        var pipeline = app.Services.GetRequiredService<AppDispatcher>().Pipeline; // create the apps now: an unknown app name stops the start
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(options,
            api.ParsedEndpoint() is { } ep ? $"http://{ep}/v1/topology" : "off", northbound.ParsedGrpcEndpoint()?.ToString() ?? "off", pipeline));
        return app;
    }

    private static void LogStarted(ControllerOptions options, string statusApi, string grpcApi, FlowPipeline pipeline)
    {
        Log.Information("OpenFlow controller listening on {Endpoints}; apps: {Apps}; status API: {Api}; gRPC API: {Grpc}",
            string.Join(", ", options.Endpoints), string.Join(", ", options.Apps), statusApi, grpcApi);
        Log.Information("Pipeline on OpenFlow 1.3 switches: {Tables} (Policies:AclTable={AclTable}); OpenFlow 1.0 switches: table 0",
            pipeline.For(Sdn.OpenFlow.OfpVersion.OpenFlow13), pipeline.AclStage);
        var inline = SocketEngine.InlineCompletionsActive;
        Log.Information("Transport: {Block} blocks, inline scheduling {Inline}, inline socket completions {Completions}",
            options.TransportBlockSize > 0 ? $"{options.TransportBlockSize / 1024} KiB" : "Kestrel's default", options.InlineScheduling ? "on" : "off",
            inline is null ? "unknown" : inline.Value ? "on" : "off");
        if (options.InlineScheduling && inline == false)
        {
            Log.Warning("Controller:InlineScheduling is on but the socket engine started without inline completions " +
                "(a socket was created before the controller set DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS); set it in the environment");
        }
    }
}

/// <summary>The controller's configuration is invalid; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid configuration: " + string.Join(" ", errors))
{
    /// <summary>One message per bad setting.</summary>
    public IReadOnlyList<string> Errors { get; } = errors;
}
