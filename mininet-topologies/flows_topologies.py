"""Topology for the gRPC Flows lab test (issue 6): two switches with
collision-free names and explicit dpids, so it can run next to another Mininet
network on the same machine.

``flows_line`` -- xs1-xs2; hosts xh1 (port 1) and xh3 (port 2) on xs1, xh2
(port 1) on xs2; the switch link is xs1 port 3 <-> xs2 port 2.

Switch xsI has dpid 00000000f801NN (NN = I); host xhI has MAC
00:00:00:00:f8:II and IP 10.248.0.I/24. No loop, so the default L2Learning app
forwards it; xh1 -> xh2 and xh3 -> xh2 share the switch link, so a drop flow for
one pair shows that only that pair is cut.
"""

from mininet.topo import Topo


def _dpid(index):
    return '00000000f801%02x' % index


class FlowsLine(Topo):
    "xs1-xs2, xh1 and xh3 on xs1, xh2 on xs2 (port numbers as in the module docstring)."

    # pylint: disable=arguments-differ
    def build(self, **_opts):
        xs1 = self.addSwitch('xs1', dpid=_dpid(1))
        xs2 = self.addSwitch('xs2', dpid=_dpid(2))
        hosts = {i: self.addHost('xh%d' % i, mac='00:00:00:00:f8:%02x' % i, ip='10.248.0.%d/24' % i) for i in (1, 2, 3)}
        self.addLink(hosts[1], xs1)
        self.addLink(hosts[3], xs1)
        self.addLink(hosts[2], xs2)
        self.addLink(xs1, xs2)


topos = {'flows_line': FlowsLine}
