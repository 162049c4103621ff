"""Topology for the gRPC policy lab (issue 6): a ring of four switches with
collision-free names and explicit dpids, so it can run next to another Mininet
network on the same machine.

``ring`` -- ps1..ps4 in a ring (ps1-ps2-ps3-ps4-ps1), host phI on port 1 of psI.

Switch psI has dpid 00000000f601NN (NN = I); host phI has MAC
00:00:00:00:f6:II and IP 10.246.0.I/24. The ring has a loop, so it needs the
ShortestPath app (L2Learning would flood forever), and every pair has a second
path to reroute to when a link is cut.
"""

from mininet.topo import Topo


def _dpid(index):
    return '00000000f601%02x' % index


class PolicyRing(Topo):
    """n switches ps1..psN in a ring, host phI on port 1 of psI."""

    # pylint: disable=arguments-differ
    def build(self, n=4, **_opts):
        n = int(n)
        switches = [self.addSwitch('ps%d' % i, dpid=_dpid(i)) for i in range(1, n + 1)]
        for i, sw in enumerate(switches, start=1):
            host = self.addHost('ph%d' % i, mac='00:00:00:00:f6:%02x' % i, ip='10.246.0.%d/24' % i)
            self.addLink(host, sw)
        for i, sw in enumerate(switches):
            self.addLink(sw, switches[(i + 1) % n])


topos = {'policy_ring': PolicyRing}
