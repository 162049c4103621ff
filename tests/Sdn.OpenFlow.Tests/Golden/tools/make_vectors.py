#!/usr/bin/python3
"""Turn the JSON-lines captures into one annotated .hex file per golden vector.

usage: make_vectors.py CAPTURE_DIR GOLDEN_DIR

CAPTURE_DIR holds v13_ofctl.jsonl, v13_ctl.jsonl, v10_ofctl.jsonl, v10_ctl.jsonl
(written by capture_ofctl.py / controller_capture.py, see run_all.sh).
GOLDEN_DIR is tests/Sdn.OpenFlow.Tests/Golden; v13/*.hex and v10/*.hex are
rewritten from scratch.  Also writes GOLDEN_DIR/vectors.tsv (index).
"""
import json
import os
import re
import subprocess
import sys

OVS = "3.1.0"

# OpenFlow 1.3 message types / multipart types used in selectors
HELLO, ERROR, ECHO_REQ, ECHO_REP, EXPERIMENTER, FEAT_REQ, FEAT_REP = 0, 1, 2, 3, 4, 5, 6
GETCFG_REQ, GETCFG_REP, SETCFG, PACKET_IN, FLOW_REMOVED, PORT_STATUS = 7, 8, 9, 10, 11, 12
PACKET_OUT, FLOW_MOD, GROUP_MOD, PORT_MOD, TABLE_MOD, MP_REQ, MP_REP = 13, 14, 15, 16, 17, 18, 19
BARRIER_REQ, BARRIER_REP, QGC_REQ, QGC_REP, ROLE_REQ, ROLE_REP = 20, 21, 22, 23, 24, 25
GET_ASYNC_REQ, GET_ASYNC_REP, SET_ASYNC, METER_MOD = 26, 27, 28, 29
MP = dict(DESC=0, FLOW=1, AGGREGATE=2, TABLE=3, PORT_STATS=4, QUEUE=5, GROUP=6, GROUP_DESC=7,
          GROUP_FEATURES=8, METER=9, METER_CONFIG=10, METER_FEATURES=11, TABLE_FEATURES=12,
          PORT_DESC=13)


def cookie(value):
    """OF1.3 PACKET_IN: buffer_id, total_len, reason, table_id, then the cookie."""
    return lambda b: b[16:24] == value.to_bytes(8, "big")


def ps13_state(bit):
    """OF1.3 PORT_STATUS: reason+pad (8), then ofp_port; state is at byte 52."""
    return lambda b: int.from_bytes(b[52:56], "big") & bit != 0


def fr_cookie(value):
    """FLOW_REMOVED (1.0 and 1.3) carries its cookie right after the header."""
    return lambda b: b[8:16] == value.to_bytes(8, "big")


# (name, capture, label, dir, type, multipart-type or None, nth, predicate or None)
# capture: O = ovs-ofctl <-> gold0 via proxy, C = controller_capture.py <-> gold1
V13 = [
    # HELLO
    ("hello_ofctl_bitmap_v13", "O", "probe", "to_ovs", HELLO, None, 0, None),
    ("hello_ofctl_bitmap_v10_v13", "O", "probe_multi", "to_ovs", HELLO, None, 0, None),
    ("hello_ovs_bitmap_v13", "O", "probe", "from_ovs", HELLO, None, 0, None),
    ("hello_ovs_to_controller", "C", "handshake", "from_ovs", HELLO, None, 0, None),
    # ECHO
    ("echo_request_empty", "O", "probe", "to_ovs", ECHO_REQ, None, 0, None),
    ("echo_reply_empty", "O", "probe", "from_ovs", ECHO_REP, None, 0, None),
    ("echo_request_payload16", "O", "ping", "to_ovs", ECHO_REQ, None, 0, None),
    ("echo_reply_payload16", "O", "ping", "from_ovs", ECHO_REP, None, 0, None),
    ("echo_request_from_ovs", "C", "idle_echo", "from_ovs", ECHO_REQ, None, 0, None),
    ("echo_reply_payload6", "C", "requests", "from_ovs", ECHO_REP, None, 0, None),
    # FEATURES / CONFIG
    ("features_request", "O", "show", "to_ovs", FEAT_REQ, None, 0, None),
    ("features_reply", "O", "show", "from_ovs", FEAT_REP, None, 0, None),
    ("features_reply_to_controller", "C", "handshake", "from_ovs", FEAT_REP, None, 0, None),
    ("get_config_request", "O", "show", "to_ovs", GETCFG_REQ, None, 0, None),
    ("get_config_reply", "O", "show", "from_ovs", GETCFG_REP, None, 0, None),
    ("get_config_reply_miss_ffff", "C", "handshake", "from_ovs", GETCFG_REP, None, 0, None),
    ("set_config_frags_drop", "O", "set_frags_drop", "to_ovs", SETCFG, None, 0, None),
    ("set_config_miss_ffff", "O", "monitor", "to_ovs", SETCFG, None, 0, None),
    # PACKET_IN / PACKET_OUT
    ("packet_in_table_miss_arp", "C", "arp", "from_ovs", PACKET_IN, None, 0, None),
    ("packet_in_action_icmp", "C", "icmp", "from_ovs", PACKET_IN, None, 0, cookie(0xc0ffee)),
    ("packet_out_arp_in_port_controller", "O", "packet_out", "to_ovs", PACKET_OUT, None, 0, None),
    ("packet_out_set_field_in_port", "O", "packet_out_2", "to_ovs", PACKET_OUT, None, 0, None),
    ("packet_out_controller_arp_reply", "C", "packet_out", "to_ovs", PACKET_OUT, None, 0, None),
    # FLOW_MOD
    ("flow_mod_add_table_miss", "O", "fm_table_miss", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_full", "O", "fm_add_full", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_ipv6_udp", "O", "fm_add_ipv6_udp", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_arp", "O", "fm_add_arp", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_vlan_present_masked", "O", "fm_add_vlan_mask", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_push_vlan", "O", "fm_add_push_vlan", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_push_mpls", "O", "fm_add_mpls", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_pop_mpls", "O", "fm_add_pop_mpls", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_nw_ttl_queue_group", "O", "fm_add_ttl", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_icmp_dscp_ecn", "O", "fm_add_icmp", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_sctp", "O", "fm_add_sctp", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_icmpv6_nd", "O", "fm_add_icmp6_nd", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_flags_write_actions", "O", "fm_add_flags", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_meter", "O", "fm_add_meter_only", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_modify_cookie", "O", "fm_modify", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_modify_strict", "O", "fm_modify_strict", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_delete_strict", "O", "del_strict", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_delete_cookie_out_port", "O", "del_cookie_port", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_delete_out_group", "O", "del_out_group", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_delete_table2", "O", "del_table", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_delete_all", "O", "del_all", "to_ovs", FLOW_MOD, None, 0, None),
    ("flow_mod_add_idle_send_flow_rem", "C", "flows", "to_ovs", FLOW_MOD, None, 2, None),
    # FLOW_REMOVED
    ("flow_removed_idle_timeout", "C", "*", "from_ovs", FLOW_REMOVED, None, 0, fr_cookie(0x1d1e)),
    ("flow_removed_hard_timeout", "C", "*", "from_ovs", FLOW_REMOVED, None, 0, fr_cookie(0xc0ffee)),
    ("flow_removed_delete", "C", "*", "from_ovs", FLOW_REMOVED, None, 0, fr_cookie(0x77)),
    # PORT_STATUS
    ("port_status_add", "C", "port_add", "from_ovs", PORT_STATUS, None, 0, None),
    ("port_status_modify_live", "C", "port_add", "from_ovs", PORT_STATUS, None, 0, ps13_state(4)),
    ("port_status_modify_link_down", "C", "port_modify", "from_ovs", PORT_STATUS, None, 0, ps13_state(1)),
    ("port_status_modify_port_mod_down", "C", "port_mod", "from_ovs", PORT_STATUS, None, 0, ps13_state(1)),
    ("port_status_delete", "C", "port_delete", "from_ovs", PORT_STATUS, None, 0, None),
    # BARRIER
    ("barrier_request", "O", "fm_add_full", "to_ovs", BARRIER_REQ, None, 0, None),
    ("barrier_reply", "O", "fm_add_full", "from_ovs", BARRIER_REP, None, 0, None),
    # MULTIPART
    ("multipart_desc_request", "O", "dump_desc", "to_ovs", MP_REQ, MP["DESC"], 0, None),
    ("multipart_desc_reply", "O", "dump_desc", "from_ovs", MP_REP, MP["DESC"], 0, None),
    ("multipart_port_desc_request", "O", "show", "to_ovs", MP_REQ, MP["PORT_DESC"], 0, None),
    ("multipart_port_desc_reply", "O", "show", "from_ovs", MP_REP, MP["PORT_DESC"], 0, None),
    ("multipart_flow_request_all", "O", "dump_flows", "to_ovs", MP_REQ, MP["FLOW"], 0, None),
    ("multipart_flow_reply_all", "O", "dump_flows", "from_ovs", MP_REP, MP["FLOW"], 0, None),
    ("multipart_flow_request_match", "O", "dump_flows_match", "to_ovs", MP_REQ, MP["FLOW"], 0, None),
    ("multipart_flow_reply_match", "O", "dump_flows_match", "from_ovs", MP_REP, MP["FLOW"], 0, None),
    ("multipart_aggregate_request", "O", "dump_aggregate", "to_ovs", MP_REQ, MP["AGGREGATE"], 0, None),
    ("multipart_aggregate_reply", "O", "dump_aggregate", "from_ovs", MP_REP, MP["AGGREGATE"], 0, None),
    ("multipart_aggregate_request_match", "O", "dump_aggr_match", "to_ovs", MP_REQ, MP["AGGREGATE"], 0, None),
    ("multipart_aggregate_reply_match", "O", "dump_aggr_match", "from_ovs", MP_REP, MP["AGGREGATE"], 0, None),
    ("multipart_port_stats_request_any", "O", "dump_ports", "to_ovs", MP_REQ, MP["PORT_STATS"], 0, None),
    ("multipart_port_stats_reply_any", "O", "dump_ports", "from_ovs", MP_REP, MP["PORT_STATS"], 0, None),
    ("multipart_port_stats_request_port1", "O", "dump_ports_1", "to_ovs", MP_REQ, MP["PORT_STATS"], 0, None),
    ("multipart_port_stats_reply_port1", "O", "dump_ports_1", "from_ovs", MP_REP, MP["PORT_STATS"], 0, None),
    ("multipart_table_request", "O", "dump_tables", "to_ovs", MP_REQ, MP["TABLE"], 0, None),
    ("multipart_table_reply", "O", "dump_tables", "from_ovs", MP_REP, MP["TABLE"], 0, None),
    ("multipart_queue_request", "O", "queue_stats", "to_ovs", MP_REQ, MP["QUEUE"], 0, None),
    ("multipart_queue_reply_empty", "O", "queue_stats", "from_ovs", MP_REP, MP["QUEUE"], 0, None),
    ("multipart_group_desc_request", "O", "dump_groups", "to_ovs", MP_REQ, MP["GROUP_DESC"], 0, None),
    ("multipart_group_desc_reply", "O", "dump_groups", "from_ovs", MP_REP, MP["GROUP_DESC"], 0, None),
    ("multipart_group_stats_request", "O", "dump_group_stats", "to_ovs", MP_REQ, MP["GROUP"], 0, None),
    ("multipart_group_stats_reply", "O", "dump_group_stats", "from_ovs", MP_REP, MP["GROUP"], 0, None),
    ("multipart_group_features_request", "O", "dump_group_feat", "to_ovs", MP_REQ, MP["GROUP_FEATURES"], 0, None),
    ("multipart_group_features_reply", "O", "dump_group_feat", "from_ovs", MP_REP, MP["GROUP_FEATURES"], 0, None),
    ("multipart_meter_config_request", "O", "dump_meters", "to_ovs", MP_REQ, MP["METER_CONFIG"], 0, None),
    ("multipart_meter_config_reply", "O", "dump_meters", "from_ovs", MP_REP, MP["METER_CONFIG"], 0, None),
    ("multipart_meter_stats_request", "O", "meter_stats", "to_ovs", MP_REQ, MP["METER"], 0, None),
    ("multipart_meter_stats_reply", "O", "meter_stats", "from_ovs", MP_REP, MP["METER"], 0, None),
    ("multipart_meter_features_request", "O", "meter_features", "to_ovs", MP_REQ, MP["METER_FEATURES"], 0, None),
    ("multipart_meter_features_reply", "O", "meter_features", "from_ovs", MP_REP, MP["METER_FEATURES"], 0, None),
    ("multipart_table_features_request", "O", "dump_table_feat", "to_ovs", MP_REQ, MP["TABLE_FEATURES"], 0, None),
    ("multipart_table_features_reply_part1_more", "O", "dump_table_feat", "from_ovs", MP_REP, MP["TABLE_FEATURES"], 0, None),
    # GROUP_MOD / METER_MOD / PORT_MOD / TABLE_MOD / QUEUE_GET_CONFIG
    ("group_mod_add_all", "O", "group_add_all", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_add_select", "O", "group_add_select", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_add_indirect", "O", "group_add_indirect", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_add_fast_failover", "O", "group_add_ff", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_modify_all", "O", "group_mod", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_delete", "O", "group_delete", "to_ovs", GROUP_MOD, None, 0, None),
    ("group_mod_delete_all", "O", "del_groups_all", "to_ovs", GROUP_MOD, None, 0, None),
    ("meter_mod_add_kbps_drop", "O", "add_meter", "to_ovs", METER_MOD, None, 0, None),
    ("meter_mod_delete_all", "O", "del_meters", "to_ovs", METER_MOD, None, 0, None),
    ("port_mod_no_flood", "O", "mod_port_down", "to_ovs", PORT_MOD, None, 0, None),
    ("port_mod_flood", "O", "mod_port_up", "to_ovs", PORT_MOD, None, 0, None),
    ("port_mod_port_down", "C", "port_mod", "to_ovs", PORT_MOD, None, 1, None),
    ("table_mod_table0", "C", "requests", "to_ovs", TABLE_MOD, None, 0, None),
    ("queue_get_config_request", "O", "queue_get_config", "to_ovs", QGC_REQ, None, 0, None),
    ("queue_get_config_reply_empty", "O", "queue_get_config", "from_ovs", QGC_REP, None, 0, None),
    # ERROR (data = start of the offending message)
    ("error_meter_mod_bad_band", "O", "err_meter_band", "from_ovs", ERROR, None, 0, None),
    ("error_group_mod_group_exists", "O", "group_add_exists", "from_ovs", ERROR, None, 0, None),
    ("error_group_mod_unknown_group", "O", "group_mod_unknown", "from_ovs", ERROR, None, 0, None),
    ("error_bad_action_bad_out_group", "O", "err_bad_group", "from_ovs", ERROR, None, 0, None),
    ("error_meter_mod_invalid_meter", "O", "err_unknown_meter", "from_ovs", ERROR, None, 0, None),
    ("error_bad_request_eperm_table254", "O", "err_bad_table", "from_ovs", ERROR, None, 0, None),
    ("error_flow_mod_overlap", "O", "err_overlap", "from_ovs", ERROR, None, 0, None),
    ("error_bad_request_bad_type", "C", "errors", "from_ovs", ERROR, None, 0, None),
    ("error_bad_request_bad_multipart", "C", "errors", "from_ovs", ERROR, None, 1, None),
    ("error_bad_match_bad_field", "C", "errors", "from_ovs", ERROR, None, 2, None),
    ("error_port_mod_bad_port", "C", "errors", "from_ovs", ERROR, None, 3, None),
    ("error_bad_request_bad_experimenter", "C", "errors", "from_ovs", ERROR, None, 4, None),
    ("error_bad_match_bad_prereq", "C", "errors", "from_ovs", ERROR, None, 5, None),
    ("error_bad_request_buffer_unknown", "C", "errors", "from_ovs", ERROR, None, 6, None),
    ("error_bad_action_bad_type_copy_ttl", "C", "errors", "from_ovs", ERROR, None, 7, None),
    ("flow_mod_add_copy_ttl_out_in", "C", "errors", "to_ovs", FLOW_MOD, None, 2, None),
    ("error_port_mod_bad_hw_addr", "C", "port_mod", "from_ovs", ERROR, None, 0, None),
    # Messages a minimal 1.3 codec may not model ("unknown to us" examples)
    ("role_request_nochange", "C", "requests", "to_ovs", ROLE_REQ, None, 0, None),
    ("role_request_master_gen5", "C", "requests", "to_ovs", ROLE_REQ, None, 1, None),
    ("role_reply_equal", "C", "requests", "from_ovs", ROLE_REP, None, 0, None),
    ("role_reply_master_gen5", "C", "requests", "from_ovs", ROLE_REP, None, 1, None),
    ("get_async_request", "C", "requests", "to_ovs", GET_ASYNC_REQ, None, 0, None),
    ("get_async_reply_default", "C", "requests", "from_ovs", GET_ASYNC_REP, None, 0, None),
    ("set_async", "C", "requests", "to_ovs", SET_ASYNC, None, 0, None),
    ("get_async_reply_after_set", "C", "requests", "from_ovs", GET_ASYNC_REP, None, 1, None),
    ("experimenter_onf_bundle_open_request", "O", "bundle_add", "to_ovs", EXPERIMENTER, None, 0, None),
    ("experimenter_onf_bundle_open_reply", "O", "bundle_add", "from_ovs", EXPERIMENTER, None, 0, None),
    ("experimenter_onf_bundle_add_flow_mod", "O", "bundle_add", "to_ovs", EXPERIMENTER, None, 1, None),
    ("experimenter_nx_set_packet_in_format", "O", "monitor", "to_ovs", EXPERIMENTER, None, 0, None),
    ("experimenter_nx_packet_in2", "O", "monitor", "from_ovs", EXPERIMENTER, None, 0,
     lambda b: bytes.fromhex("0806000108000604") in b),
]

# OpenFlow 1.0 type numbers differ from 1.3 after type 4
V10 = [
    ("hello_ofctl", "O", "probe", "to_ovs", 0, None, 0, None),
    ("hello_ovs", "O", "probe", "from_ovs", 0, None, 0, None),
    ("features_request", "O", "show", "to_ovs", 5, None, 0, None),
    ("features_reply_3_ports", "O", "show", "from_ovs", 6, None, 0, None),
    ("features_reply_to_controller", "C", "handshake", "from_ovs", 6, None, 0, None),
    ("packet_in_arp", "C", "arp", "from_ovs", 10, None, 0, None),
    ("flow_removed_idle_timeout", "C", "*", "from_ovs", 11, None, 0, None),
    ("port_status_add", "C", "port_add", "from_ovs", 12, None, 0, None),
    ("port_status_delete", "C", "port_delete", "from_ovs", 12, None, 0, None),
    ("flow_mod_add_full", "O", "fm_add_full", "to_ovs", 14, None, 0, None),
    ("flow_mod_add_arp", "O", "fm_add_arp", "to_ovs", 14, None, 0, None),
    ("flow_mod_add_table_miss", "O", "fm_table_miss", "to_ovs", 14, None, 0, None),
    ("flow_mod_modify_strict", "O", "fm_modify_strict", "to_ovs", 14, None, 0, None),
    ("flow_mod_delete_strict", "O", "del_strict", "to_ovs", 14, None, 0, None),
    ("flow_mod_delete_all", "O", "del_all", "to_ovs", 14, None, 0, None),
    ("packet_out_arp", "O", "packet_out", "to_ovs", 13, None, 0, None),
    ("set_config_miss_ffff", "C", "handshake", "to_ovs", 9, None, 0, None),
]


def load(path):
    out = []
    with open(path) as f:
        for line in f:
            r = json.loads(line)
            if r["dir"] in ("to_ovs", "from_ovs"):
                out.append(r)
    return out


def select(records, label, direction, typ, mp, nth, pred):
    hits = []
    for r in records:
        if label != "*" and r["label"] != label:
            continue
        if r["dir"] != direction:
            continue
        b = bytes.fromhex(r["hex"])
        if b[1] != typ:
            continue
        if mp is not None and int.from_bytes(b[8:10], "big") != mp:
            continue
        if pred is not None and not pred(b):
            continue
        hits.append(r)
    if len(hits) <= nth:
        return None
    return hits[nth]


TS = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+Z\|\d+\|")


def ofp_print(hexstr):
    p = subprocess.run(["ovs-ofctl", "ofp-print", hexstr], capture_output=True, text=True,
                       timeout=30)
    err = [TS.sub("", line) for line in p.stderr.splitlines() if line.strip()]
    return p.returncode, p.stdout.rstrip("\n").splitlines(), err


def source_line(kind, r, version):
    if kind == "O":
        who = ("ovs-ofctl %s sent to OVS %s" % (OVS, OVS) if r["dir"] == "to_ovs"
               else "OVS %s sent to ovs-ofctl %s" % (OVS, OVS))
        return "%s, during: %s   (proxy 127.0.0.1:%s -> bridge %s)" % (
            who, r["cmd"], "16650" if version == 13 else "16651",
            "gold0 ptcp:16640" if version == 13 else "gold3 ptcp:16642")
    if r["dir"] == "from_ovs":
        return "OVS %s sent to controller_capture.py (bridge %s), phase '%s': %s" % (
            OVS, "gold1" if version == 13 else "gold2", r["label"], r["cmd"])
    return ("handmade by controller_capture.py and sent to OVS %s (bridge %s), phase '%s': %s"
            % (OVS, "gold1" if version == 13 else "gold2", r["label"], r["cmd"]))


MAX_LINES = 120

# Vectors on which ofp-print is expected to report a decode error, and why.
EXPECT_DECODE_ERROR = {
    "flow_mod_add_copy_ttl_out_in":
        "OVS 3.1 implements neither OFPAT_COPY_TTL_OUT (11) nor OFPAT_COPY_TTL_IN (12): ofp-print and "
        "the switch reject them with OFPBAC_BAD_TYPE (see error_bad_action_bad_type_copy_ttl). The "
        "bytes are handmade per OpenFlow 1.3.5 section 7.2.5 (ofp_action_generic, 8 bytes each).",
}


def write_vector(path, name, source, b):
    rc, out, err = ofp_print(b.hex())
    lines = ["# name: %s" % name, "# source: %s" % source,
             "# length: %d bytes, xid 0x%08x" % (len(b), int.from_bytes(b[4:8], "big"))]
    if name in EXPECT_DECODE_ERROR:
        lines.append("# expect-decode-error: " + EXPECT_DECODE_ERROR[name])
    lines.append("# ofp-print:")
    shown = out[:MAX_LINES]
    lines += ["#   " + x for x in shown]
    if len(out) > MAX_LINES:
        lines.append("#   ... (%d more ofp-print lines omitted)" % (len(out) - MAX_LINES))
    for e in err:
        lines.append("# ofp-print stderr: " + e)
    if rc != 0:
        lines.append("# ofp-print exit status: %d" % rc)
    for i in range(0, len(b), 16):
        lines.append(" ".join("%02x" % x for x in b[i:i + 16]))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    first = out[0] if out else ""
    return first


def main():
    cap, golden = sys.argv[1], sys.argv[2]
    index = []
    missing = []
    for version, spec in ((13, V13), (10, V10)):
        caps = {"O": load(os.path.join(cap, "v%d_ofctl.jsonl" % version)),
                "C": load(os.path.join(cap, "v%d_ctl.jsonl" % version))}
        d = os.path.join(golden, "v%d" % version)
        os.makedirs(d, exist_ok=True)
        for fn in os.listdir(d):
            if fn.endswith(".hex"):
                os.remove(os.path.join(d, fn))
        for name, kind, label, direction, typ, mp, nth, pred in spec:
            r = select(caps[kind], label, direction, typ, mp, nth, pred)
            if r is None:
                missing.append("v%d/%s" % (version, name))
                continue
            b = bytes.fromhex(r["hex"])
            first = write_vector(os.path.join(d, name + ".hex"), name,
                                 source_line(kind, r, version), b)
            origin = {("O", "to_ovs"): "ovs-ofctl", ("O", "from_ovs"): "OVS->ovs-ofctl",
                      ("C", "from_ovs"): "OVS->controller", ("C", "to_ovs"): "handmade"}[(kind, r["dir"])]
            index.append("v%d/%s.hex\t%d\t%s\t%s" % (version, name, len(b), origin, first))
    with open(os.path.join(golden, "vectors.tsv"), "w") as f:
        f.write("file\tbytes\torigin\tofp-print first line\n")
        f.write("\n".join(index) + "\n")
    print("wrote %d vectors" % len(index))
    if missing:
        print("MISSING:", ", ".join(missing))
        sys.exit(1)


if __name__ == "__main__":
    main()
