using System.Diagnostics;

namespace Sdn.Controller.Host.Tests.Infrastructure;

/// <summary>
/// Pins the whole test process to its first allowed core until disposed (Linux and Windows; elsewhere a no-op).
/// Tests that pin belong to <see cref="Collection"/>, which runs alone: pinned, timing-sensitive tests running in
/// parallel (keep-alive, write stalls) would miss their deadlines.
/// </summary>
public sealed class OneCore : IDisposable
{
    /// <summary>The xunit collection of tests that pin the process; it never runs in parallel with others.</summary>
    public const string Collection = "pins the process to one core";

    private static readonly SemaphoreSlim Gate = new(1, 1); // released on another thread after awaits
    private readonly nint _previous;
    private readonly bool _pinned;

    private OneCore(nint previous, bool pinned)
    {
        _previous = previous;
        _pinned = pinned;
    }

    /// <summary>Pins the process; dispose to restore the previous affinity. Serialised: one pin at a time.</summary>
    public static OneCore Pin()
    {
        Gate.Wait();
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return new OneCore(0, false);
        }

        using var self = Process.GetCurrentProcess();
        var previous = self.ProcessorAffinity;
        var first = previous & -previous; // lowest set bit
        self.ProcessorAffinity = first;
        return new OneCore(previous, true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            if (_pinned && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            {
                using var self = Process.GetCurrentProcess();
                self.ProcessorAffinity = _previous;
            }
        }
        finally
        {
            Gate.Release();
        }
    }
}

/// <summary>Runs <see cref="OneCore.Collection"/> with nothing else in parallel.</summary>
[CollectionDefinition(OneCore.Collection, DisableParallelization = true)]
public sealed class OneCoreCollection
{
}
