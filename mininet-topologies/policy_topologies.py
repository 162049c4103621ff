"""Topology for the gRPC policy lab (issue 6): a ring of four switches with
collision-free names and explicit dpids, so it can run next to another Mininet
network on the same machine.

``ring`` -- ps1..ps4 in a ring (ps1-ps2-ps3-ps4-ps1), host phI on port 1 of psI.

Switch psI has dpid 00000000f601NN (NN = I); host phI has MAC
00:00:00:00:f6:II and IP 10.246.0.I/24. The ring has a loop, so it needs the
ShortestPath app (L2Learning would flood forever), and every pair has a second
path to reroute to when a link is cut.

``intent_ring`` -- the same ring for the path-intent lab (IntentLabTests): is1..is4, hosts ihI,
dpids 00000000f701NN, MACs 00:00:00:00:f7:II, IPs 10.247.0.I/24, so both can run side by side.
"""

from mininet.topo import Topo


def _dpid(index, tag=0xf6):
    return '00000000%02x01%02x' % (tag, index)


class PolicyRing(Topo):
    """n switches ps1..psN in a ring, host phI on port 1 of psI (names, dpids, MACs and IPs from ``tag``)."""

    PREFIX, TAG = 'p', 0xf6

    # pylint: disable=arguments-differ
    def build(self, n=4, **_opts):
        n, p, tag = int(n), self.PREFIX, self.TAG
        switches = [self.addSwitch('%ss%d' % (p, i), dpid=_dpid(i, tag)) for i in range(1, n + 1)]
        for i, sw in enumerate(switches, start=1):
            host = self.addHost('%sh%d' % (p, i), mac='00:00:00:00:%02x:%02x' % (tag, i), ip='10.%d.0.%d/24' % (tag, i))
            self.addLink(host, sw)
        for i, sw in enumerate(switches):
            self.addLink(sw, switches[(i + 1) % n])


class IntentRing(PolicyRing):
    """The ring as is1..isN / ihI for the path-intent lab."""

    PREFIX, TAG = 'i', 0xf7


topos = {'policy_ring': PolicyRing, 'intent_ring': IntentRing}
