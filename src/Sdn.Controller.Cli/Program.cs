using Sdn.Controller.Cli;

return await Commands.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
