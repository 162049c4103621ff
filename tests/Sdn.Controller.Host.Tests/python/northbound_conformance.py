#!/usr/bin/python3
"""Calls every RPC of the controller's gRPC API (sdn.controller.v1, grpc.health.v1, grpc.reflection.v1) with Debian's
python3-grpcio (it has no grpc_reflection module: reflection is called as a plain bidirectional stream).

Prints one JSON object {case: {"code": status name, "details": str, ...}}. Every call has a deadline; never hangs.
Usage: northbound_conformance.py HOST:PORT DPID [DESCRIPTOR_SET]
  DPID: a switch the caller made sure is connected (16 hex digits).
"""
import json
import os
import sys
import threading
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

TARGET, DPID = sys.argv[1], sys.argv[2]
DESCRIPTORS = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(__file__), "sdn.pb")
TIMEOUT = 10.0

pool = descriptor_pool.DescriptorPool()
with open(DESCRIPTORS, "rb") as f:
    for file_proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(file_proto)


def cls(name):
    desc = pool.FindMessageTypeByName(name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


V1 = "sdn.controller.v1."
channel = grpc.insecure_channel(TARGET)


def unary(service, method, req, resp):
    return channel.unary_unary("/%s%s/%s" % (V1, service, method), request_serializer=cls(V1 + req).SerializeToString,
                               response_deserializer=cls(V1 + resp).FromString)


results = {}


def call(case, fn, request, check=None, timeout=TIMEOUT):
    try:
        reply = fn(request, timeout=timeout)
        results[case] = {"code": "OK", "details": ""}
        if check:
            results[case].update(check(reply))
    except grpc.RpcError as e:
        results[case] = {"code": e.code().name, "details": e.details() or ""}


def req(name, **fields):
    return cls(V1 + name)(**fields)


call("list_switches", unary("Topology", "ListSwitches", "ListSwitchesRequest", "ListSwitchesResponse"), req("ListSwitchesRequest"),
     lambda r: {"dpids": [s.dpid for s in r.switches], "ports": [len(s.ports) for s in r.switches], "version": r.topology_version})
call("get_switch", unary("Topology", "GetSwitch", "GetSwitchRequest", "Switch"), req("GetSwitchRequest", dpid=DPID),
     lambda r: {"dpid": r.dpid, "openflow_version": r.openflow_version, "state": r.handshake_state})
call("get_switch_unknown", unary("Topology", "GetSwitch", "GetSwitchRequest", "Switch"), req("GetSwitchRequest", dpid="00000000000000ff"))
call("get_switch_malformed", unary("Topology", "GetSwitch", "GetSwitchRequest", "Switch"), req("GetSwitchRequest", dpid="not-a-dpid"))
call("list_links", unary("Topology", "ListLinks", "ListLinksRequest", "ListLinksResponse"), req("ListLinksRequest"), lambda r: {"count": len(r.links)})
call("list_hosts", unary("Topology", "ListHosts", "ListHostsRequest", "ListHostsResponse"), req("ListHostsRequest"), lambda r: {"count": len(r.hosts)})
call("list_flows_unknown_switch", unary("Flows", "ListFlows", "ListFlowsRequest", "ListFlowsResponse"), req("ListFlowsRequest", dpid="00000000000000ff"))
call("add_flow_bad_priority", unary("Flows", "AddFlow", "AddFlowRequest", "AddFlowResponse"),
     req("AddFlowRequest", dpid=DPID, priority=70000, match=cls(V1 + "AclMatch")(eth_dst="00:00:00:00:00:02")))
call("get_path_unknown_host", unary("Topology", "GetPath", "GetPathRequest", "GetPathResponse"),
     req("GetPathRequest", src_mac="00:00:00:00:00:01", dst_mac="00:00:00:00:00:02"))

apply = unary("Policies", "ApplyPolicy", "ApplyPolicyRequest", "ApplyPolicyResponse")
Policy, AclRule, AclMatch = cls(V1 + "Policy"), cls(V1 + "AclRule"), cls(V1 + "AclMatch")
DENY = pool.FindEnumTypeByName(V1 + "AclAction").values_by_name["DENY"].number
bad = Policy(id="bad", acl=[AclRule(action=DENY, priority=5, match=AclMatch(eth_type=0x0806, ipv4_dst="10.0.0.2"))])
call("apply_contradictory", apply, req("ApplyPolicyRequest", policy=bad))
# ALLOW as an exception to a lower-priority DENY: accepted, installed as goto_table:1 in table 0; an ALLOW that
# overlaps the DENY at its own priority is contradictory.
ALLOW = pool.FindEnumTypeByName(V1 + "AclAction").values_by_name["ALLOW"].number
ssh = Policy(id="ssh", acl=[AclRule(action=DENY, priority=10, match=AclMatch(ipv4_src="10.0.0.0/24", ipv4_dst="10.0.0.2")),
                            AclRule(action=ALLOW, priority=20, match=AclMatch(ipv4_dst="10.0.0.2", ip_proto=6, tp_dst=22))])
call("apply_allow", apply, req("ApplyPolicyRequest", policy=ssh), lambda r: {"changes": list(r.flow_changes), "confirmed": list(r.confirmed_dpids)})
clash = Policy(id="clash", acl=[AclRule(action=ALLOW, priority=10, match=AclMatch(ipv4_src="10.0.0.5"))])
call("apply_allow_contradicting", apply, req("ApplyPolicyRequest", policy=clash))
call("delete_allow", unary("Policies", "DeletePolicy", "DeletePolicyRequest", "DeletePolicyResponse"), req("DeletePolicyRequest", id="ssh"))
good = Policy(id="h1-h2", acl=[AclRule(action=DENY, priority=5, match=AclMatch(eth_src="00:00:00:00:00:01", eth_dst="00:00:00:00:00:02"))])
call("apply_dry_run", apply, req("ApplyPolicyRequest", policy=good, dry_run=True), lambda r: {"changes": list(r.flow_changes)})
call("apply", apply, req("ApplyPolicyRequest", policy=good), lambda r: {"confirmed": list(r.confirmed_dpids)})
call("list_policies", unary("Policies", "ListPolicies", "ListPoliciesRequest", "ListPoliciesResponse"), req("ListPoliciesRequest"),
     lambda r: {"ids": [p.id for p in r.policies]})
call("delete_policy", unary("Policies", "DeletePolicy", "DeletePolicyRequest", "DeletePolicyResponse"), req("DeletePolicyRequest", id="h1-h2"))
call("delete_policy_again", unary("Policies", "DeletePolicy", "DeletePolicyRequest", "DeletePolicyResponse"), req("DeletePolicyRequest", id="h1-h2"))

watch = channel.unary_stream("/sdn.controller.v1.Events/WatchEvents", request_serializer=cls(V1 + "WatchEventsRequest").SerializeToString,
                             response_deserializer=cls(V1 + "Event").FromString)
# No event comes within 0.5 s for SWITCH_DOWN: the deadline ends the stream.
started = time.monotonic()
try:
    for _ in watch(req("WatchEventsRequest", kinds=[2]), timeout=0.5):
        pass
    results["watch_deadline"] = {"code": "OK", "details": ""}
except grpc.RpcError as e:
    results["watch_deadline"] = {"code": e.code().name, "details": e.details() or "", "seconds": round(time.monotonic() - started, 2)}

# A stream the client cancels: POLICY_APPLIED events arrive, then cancel.
events = watch(req("WatchEventsRequest", kinds=[12]), timeout=TIMEOUT)
got = []


def consume():
    try:
        for evt in events:
            got.append(evt.description)
            events.cancel()
    except grpc.RpcError as e:
        results["watch_cancel"] = {"code": e.code().name, "details": e.details() or "", "events": list(got)}


t = threading.Thread(target=consume)
t.start()
time.sleep(0.5)
call("apply_again", apply, req("ApplyPolicyRequest", policy=good))
t.join(TIMEOUT)
results.setdefault("watch_cancel", {"code": "NO_END", "details": "", "events": list(got)})
unary("Policies", "DeletePolicy", "DeletePolicyRequest", "DeletePolicyResponse")(req("DeletePolicyRequest", id="h1-h2"), timeout=TIMEOUT)

health = channel.unary_unary("/grpc.health.v1.Health/Check", request_serializer=cls("grpc.health.v1.HealthCheckRequest").SerializeToString,
                             response_deserializer=cls("grpc.health.v1.HealthCheckResponse").FromString)
call("health", health, cls("grpc.health.v1.HealthCheckRequest")(service=""), lambda r: {"status": r.status})
call("unimplemented", unary("Topology", "NoSuchMethod", "ListLinksRequest", "ListLinksResponse"), req("ListLinksRequest"))

Reflect = cls("grpc.reflection.v1.ServerReflectionRequest")
reflection = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", request_serializer=Reflect.SerializeToString,
                                   response_deserializer=cls("grpc.reflection.v1.ServerReflectionResponse").FromString)
try:
    answers = list(reflection(iter([Reflect(list_services=""), Reflect(file_containing_symbol=V1 + "Flows.ListFlows"),
                                    Reflect(file_containing_symbol=V1 + "NoSuch")]), timeout=TIMEOUT))
    results["reflection"] = {
        "code": "OK", "details": "",
        "services": [s.name for s in answers[0].list_services_response.service],
        "files": [descriptor_pb2.FileDescriptorProto.FromString(b).name for b in answers[1].file_descriptor_response.file_descriptor_proto],
        "unknown_error_code": answers[2].error_response.error_code,
    }
except grpc.RpcError as e:
    results["reflection"] = {"code": e.code().name, "details": e.details() or ""}
print(json.dumps(results, indent=1, sort_keys=True))
