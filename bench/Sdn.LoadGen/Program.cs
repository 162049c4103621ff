namespace Sdn.LoadGen;

/// <summary>Entry point: parses options and runs the selected mode (see <see cref="Options.Usage"/>).</summary>
public static class Program
{
    /// <summary>Runs the generator.</summary>
    /// <returns>Exit code (see <see cref="Options.Usage"/>).</returns>
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args, out var error);
        if (options is null)
        {
            if (error is null)
            {
                Console.Out.Write(Options.Usage);
                return 0;
            }

            await Console.Error.WriteLineAsync($"sdn-loadgen: {error} (see --help)").ConfigureAwait(false);
            return 1;
        }

        if (options.Dump)
        {
            var sw = new FakeSwitch(0, options, malicious: false, receiveBufferBytes: 1024);
            foreach (var (name, bytes) in sw.DumpTemplates())
            {
                Console.Out.WriteLine($"{name}: {Convert.ToHexString(bytes).ToLowerInvariant()}");
            }

            return 0;
        }

        return options.Mode == RunMode.Storm
            ? await StormRun.RunAsync(options, Console.Out).ConfigureAwait(false)
            : await TrafficRun.RunAsync(options, Console.Out).ConfigureAwait(false);
    }
}
