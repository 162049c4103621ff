"""Topologies for the link-failure lab (issue 5): ring and leaf-spine with
collision-free names and explicit dpids, so they can run next to another
Mininet network on the same machine.

* ``ring``       -- fs1..fs4 in a ring (fs1-fs2-fs3-fs4-fs1), host fhI on fsI.
* ``leafspine``  -- spines fsp1, fsp2; leaves fsl1..fsl4, each leaf wired to
  both spines; hosts fh1, fh2 on fsl1, fh3 on fsl2, fh4 on fsl3, fh5, fh6 on
  fsl4 (1-2 hosts per leaf).

Every switch gets ``dpid`` 0x00000000f5SSNN (SS = 01 ring / 02 spine / 03 leaf,
NN = index); host fhI gets MAC 00:00:00:00:f5:II and IP 10.245.0.I/24.
``PROBE_PAIR[name]`` is the (source, destination) host pair whose path crosses
the links the lab cuts (two hops apart on the ring, leaf 1 to leaf 4).
"""

from mininet.topo import Topo


def _dpid(kind, index):
    return '00000000f5%02x%02x' % (kind, index)


def _host(topo, index):
    return topo.addHost('fh%d' % index, mac='00:00:00:00:f5:%02x' % index,
                        ip='10.245.0.%d/24' % index)


class FailoverRing(Topo):
    """n switches fs1..fsN in a ring, host fhI on port 1 of fsI."""

    # pylint: disable=arguments-differ
    def build(self, n=4, **_opts):
        n = int(n)
        switches = [self.addSwitch('fs%d' % i, dpid=_dpid(1, i)) for i in range(1, n + 1)]
        for i, sw in enumerate(switches, start=1):
            self.addLink(_host(self, i), sw)
        for i, sw in enumerate(switches):
            self.addLink(sw, switches[(i + 1) % n])


class FailoverLeafSpine(Topo):
    """2 spines, 4 leaves (each wired to both spines), 1-2 hosts per leaf."""

    HOSTS_PER_LEAF = (2, 1, 1, 2)

    # pylint: disable=arguments-differ
    def build(self, **_opts):
        spines = [self.addSwitch('fsp%d' % i, dpid=_dpid(2, i)) for i in (1, 2)]
        host = 1
        for leaf_no, count in enumerate(self.HOSTS_PER_LEAF, start=1):
            leaf = self.addSwitch('fsl%d' % leaf_no, dpid=_dpid(3, leaf_no))
            for _ in range(count):
                self.addLink(_host(self, host), leaf)
                host += 1
            for spine in spines:
                self.addLink(leaf, spine)


TOPOS = {'ring': FailoverRing, 'leafspine': FailoverLeafSpine}

# Probe source and destination per topology: their path has two inter-switch links.
PROBE_PAIR = {'ring': ('fh1', 'fh3'), 'leafspine': ('fh1', 'fh6')}


def build_failover_topo(name):
    "Topology by name: 'ring' or 'leafspine'."
    if name not in TOPOS:
        raise ValueError("unknown topology %r (ring | leafspine)" % name)
    return TOPOS[name]()


topos = {'failover_ring': FailoverRing, 'failover_leafspine': FailoverLeafSpine}
