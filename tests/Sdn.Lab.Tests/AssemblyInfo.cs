// Lab tests share one Open vSwitch, the OpenFlow ports 6653/6633 and Mininet's global names (s1, h1-eth0...):
// they must never run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true, MaxParallelThreads = 1)]
