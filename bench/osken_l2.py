# A small L2 learning switch for os-ken (the maintained Ryu fork), OpenFlow 1.0 and 1.3, for side-by-side runs
# (bench/compare.sh). Behaves like Ryu's simple_switch_13.py in both versions:
#   - 1.3: on switch features, install the table-miss entry (send everything to the controller);
#   - packet-in: learn src MAC -> in_port per datapath; if the destination is known, install a flow
#     (priority 1, match in_port + eth_dst + eth_src, output to the learned port) carrying the packet-in's
#     buffer_id, and send nothing else when the packet is buffered; otherwise PACKET_OUT (flood or the
#     learned port; the data only when the packet is unbuffered).
# Ryu's OpenFlow 1.0 simple_switch.py always adds a PACKET_OUT after the FLOW_MOD; here 1.0 behaves like 1.3 so
# every controller in the comparison answers a buffered packet-in with exactly one message.
#
# Run: osken-manager --ofp-listen-host 127.0.0.1 --ofp-tcp-listen-port 16700 bench/osken_l2.py

from os_ken.base import app_manager
from os_ken.controller import ofp_event
from os_ken.controller.handler import CONFIG_DISPATCHER, MAIN_DISPATCHER, set_ev_cls
from os_ken.lib.packet import ethernet, ether_types, packet
from os_ken.ofproto import ofproto_v1_0, ofproto_v1_3


class L2Learning(app_manager.OSKenApp):
    OFP_VERSIONS = [ofproto_v1_0.OFP_VERSION, ofproto_v1_3.OFP_VERSION]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mac_to_port = {}

    @set_ev_cls(ofp_event.EventOFPSwitchFeatures, CONFIG_DISPATCHER)
    def switch_features_handler(self, ev):
        datapath = ev.msg.datapath
        self.mac_to_port[datapath.id] = {}
        ofproto = datapath.ofproto
        if ofproto.OFP_VERSION != ofproto_v1_3.OFP_VERSION:
            return
        parser = datapath.ofproto_parser
        actions = [parser.OFPActionOutput(ofproto.OFPP_CONTROLLER, ofproto.OFPCML_NO_BUFFER)]
        self._add_flow13(datapath, 0, parser.OFPMatch(), actions)

    def _add_flow13(self, datapath, priority, match, actions, buffer_id=None):
        ofproto = datapath.ofproto
        parser = datapath.ofproto_parser
        inst = [parser.OFPInstructionActions(ofproto.OFPIT_APPLY_ACTIONS, actions)]
        if buffer_id is not None:
            mod = parser.OFPFlowMod(datapath=datapath, buffer_id=buffer_id, priority=priority,
                                    match=match, instructions=inst)
        else:
            mod = parser.OFPFlowMod(datapath=datapath, priority=priority, match=match, instructions=inst)
        datapath.send_msg(mod)

    @set_ev_cls(ofp_event.EventOFPPacketIn, MAIN_DISPATCHER)
    def packet_in_handler(self, ev):
        msg = ev.msg
        datapath = msg.datapath
        ofproto = datapath.ofproto
        parser = datapath.ofproto_parser
        v13 = ofproto.OFP_VERSION == ofproto_v1_3.OFP_VERSION
        in_port = msg.match['in_port'] if v13 else msg.in_port

        eth = packet.Packet(msg.data).get_protocols(ethernet.ethernet)
        if not eth or eth[0].ethertype == ether_types.ETH_TYPE_LLDP:
            return
        dst, src = eth[0].dst, eth[0].src

        table = self.mac_to_port.setdefault(datapath.id, {})
        table[src] = in_port
        out_port = table.get(dst, ofproto.OFPP_FLOOD)
        actions = [parser.OFPActionOutput(out_port)]
        buffered = msg.buffer_id != ofproto.OFP_NO_BUFFER

        if out_port != ofproto.OFPP_FLOOD:
            if v13:
                match = parser.OFPMatch(in_port=in_port, eth_dst=dst, eth_src=src)
                self._add_flow13(datapath, 1, match, actions, msg.buffer_id if buffered else None)
            else:
                match = parser.OFPMatch(in_port=in_port, dl_dst=eth[0].dst, dl_src=eth[0].src)
                mod = parser.OFPFlowMod(datapath=datapath, match=match, cookie=0, command=ofproto.OFPFC_ADD,
                                        idle_timeout=0, hard_timeout=0, priority=1,
                                        buffer_id=msg.buffer_id, actions=actions)
                datapath.send_msg(mod)
            if buffered:
                return

        data = None if buffered else msg.data
        out = parser.OFPPacketOut(datapath=datapath, buffer_id=msg.buffer_id, in_port=in_port,
                                  actions=actions, data=data)
        datapath.send_msg(out)
