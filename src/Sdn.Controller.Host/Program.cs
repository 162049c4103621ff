using Sdn.Controller.Host;

return await ControllerHost.RunAsync(args).ConfigureAwait(false);
