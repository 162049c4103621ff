#!/usr/bin/python3
"""gRPC conformance client for the Sdn.Grpc layer, written against Debian's python3-grpcio (1.51).

Calls every RPC of the echo test service and of grpc.health.v1.Health on a running server and prints one JSON
object: {case name: {"code": "OK" | status code name, "details": str, ...}}. Never hangs: every call has a
timeout. Usage: conformance.py HOST:PORT [DESCRIPTOR_SET]
"""
import json
import os
import sys
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

TARGET = sys.argv[1]
DESCRIPTORS = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "echo_health.pb")
CALL_TIMEOUT = 10.0

pool = descriptor_pool.DescriptorPool()
with open(DESCRIPTORS, "rb") as f:
    for file_proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(file_proto)


def message_class(full_name):
    desc = pool.FindMessageTypeByName(full_name)
    if hasattr(message_factory, "GetMessageClass"):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


EchoRequest = message_class("sdn.test.echo.EchoRequest")
EchoReply = message_class("sdn.test.echo.EchoReply")
FailRequest = message_class("sdn.test.echo.FailRequest")
Empty = message_class("sdn.test.echo.Empty")
SleepRequest = message_class("sdn.test.echo.SleepRequest")
CountRequest = message_class("sdn.test.echo.CountRequest")
CountReply = message_class("sdn.test.echo.CountReply")
HealthCheckRequest = message_class("grpc.health.v1.HealthCheckRequest")
HealthCheckResponse = message_class("grpc.health.v1.HealthCheckResponse")
ReflectionRequest = message_class("grpc.reflection.v1.ServerReflectionRequest")
ReflectionResponse = message_class("grpc.reflection.v1.ServerReflectionResponse")

channel = grpc.insecure_channel(TARGET, options=[("grpc.max_send_message_length", -1)])


def unary(path, req_cls, resp_cls):
    return channel.unary_unary(path, request_serializer=req_cls.SerializeToString, response_deserializer=resp_cls.FromString)


def stream(path, req_cls, resp_cls):
    return channel.unary_stream(path, request_serializer=req_cls.SerializeToString, response_deserializer=resp_cls.FromString)


echo = unary("/sdn.test.echo.Echo/Echo", EchoRequest, EchoReply)
fail = unary("/sdn.test.echo.Echo/Fail", FailRequest, Empty)
sleep = unary("/sdn.test.echo.Echo/Sleep", SleepRequest, Empty)
count = stream("/sdn.test.echo.Echo/Count", CountRequest, CountReply)
nope = unary("/sdn.test.echo.Echo/Nope", Empty, Empty)
no_service = unary("/no.Such/Service", Empty, Empty)
health_check = unary("/grpc.health.v1.Health/Check", HealthCheckRequest, HealthCheckResponse)
health_watch = stream("/grpc.health.v1.Health/Watch", HealthCheckRequest, HealthCheckResponse)
reflection_v1 = channel.stream_stream("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
                                      request_serializer=ReflectionRequest.SerializeToString,
                                      response_deserializer=ReflectionResponse.FromString)
# The v1alpha messages are the v1 messages on the wire.
reflection_v1alpha = channel.stream_stream("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
                                           request_serializer=ReflectionRequest.SerializeToString,
                                           response_deserializer=ReflectionResponse.FromString)

results = {}


def case(name):
    def wrap(fn):
        started = time.monotonic()
        try:
            result = {"code": "OK", "details": ""}
            result.update(fn() or {})
        except grpc.RpcError as e:
            result = {"code": e.code().name, "details": e.details() or ""}
        except Exception as e:  # a bug in this script or in the server's framing
            result = {"code": "SCRIPT_ERROR", "details": f"{type(e).__name__}: {e}"}
        result["seconds"] = round(time.monotonic() - started, 3)
        results[name] = result
        return fn
    return wrap


@case("echo")
def _():
    reply = echo(EchoRequest(text="héllo", payload=b"\x00\x01\x02"), timeout=CALL_TIMEOUT)
    return {"text": reply.text, "payload_len": len(reply.payload)}


@case("fail_not_found")
def _():
    fail(FailRequest(code=5, message="no such switch"), timeout=CALL_TIMEOUT)


@case("fail_unicode")
def _():
    fail(FailRequest(code=3, message="priorité ✓ 100% 日本\nline 2"), timeout=CALL_TIMEOUT)


@case("internal")
def _():
    echo(EchoRequest(text="boom"), timeout=CALL_TIMEOUT)


@case("deadline")
def _():
    sleep(SleepRequest(ms=20000), timeout=0.3)


@case("count")
def _():
    return {"items": [m.i for m in count(CountRequest(n=5, interval_ms=0), timeout=CALL_TIMEOUT)]}


@case("count_cancel")
def _():
    call = count(CountRequest(n=100000, interval_ms=20), timeout=CALL_TIMEOUT)
    got = [next(call).i for _ in range(3)]
    call.cancel()
    try:
        for _ in call:
            pass
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details() or "", "items": got}
    return {"code": "NO_ERROR_AFTER_CANCEL", "items": got}


@case("count_deadline")
def _():
    got = []
    try:
        for m in count(CountRequest(n=100000, interval_ms=50), timeout=0.5):
            got.append(m.i)
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details() or "", "items": got}
    return {"items": got}


@case("unimplemented_method")
def _():
    nope(Empty(), timeout=CALL_TIMEOUT)


@case("unimplemented_service")
def _():
    no_service(Empty(), timeout=CALL_TIMEOUT)


@case("too_large")
def _():
    echo(EchoRequest(payload=b"\x00" * (5 * 1024 * 1024)), timeout=CALL_TIMEOUT)


@case("gzip")
def _():
    reply = echo(EchoRequest(text="zipped", payload=b"\x00" * 30000), timeout=CALL_TIMEOUT, compression=grpc.Compression.Gzip)
    return {"text": reply.text, "payload_len": len(reply.payload)}


@case("health_check")
def _():
    return {"status": HealthCheckResponse.ServingStatus.Name(health_check(HealthCheckRequest(service=""), timeout=CALL_TIMEOUT).status)}


@case("health_check_unknown")
def _():
    health_check(HealthCheckRequest(service="no.Such"), timeout=CALL_TIMEOUT)


@case("health_watch")
def _():
    call = health_watch(HealthCheckRequest(service=""), timeout=CALL_TIMEOUT)
    first = next(call)
    call.cancel()
    return {"status": HealthCheckResponse.ServingStatus.Name(first.status)}


def described_files(response):
    return [descriptor_pb2.FileDescriptorProto.FromString(b) for b in response.file_descriptor_response.file_descriptor_proto]


@case("reflection")
def _():
    requests = [
        ReflectionRequest(list_services=""),
        ReflectionRequest(file_containing_symbol="sdn.test.echo.Echo.Count"),
        ReflectionRequest(file_containing_symbol="no.such.Symbol"),
        ReflectionRequest(file_by_filename="grpc/health/v1/health.proto"),
    ]
    responses = list(reflection_v1(iter(requests), timeout=CALL_TIMEOUT))
    files = described_files(responses[1])
    # The answer must be enough to call the service: load it into a fresh pool, imports first.
    fresh = descriptor_pool.DescriptorPool()
    for f in reversed(files):
        fresh.Add(f)
    return {
        "responses": len(responses),
        "services": [s.name for s in responses[0].list_services_response.service],
        "symbol_files": [f.name for f in files],
        "echo_methods": [m.name for m in fresh.FindServiceByName("sdn.test.echo.Echo").methods],
        "unknown_error_code": responses[2].error_response.error_code,
        "unknown_error_message": responses[2].error_response.error_message,
        "file_names": [f.name for f in described_files(responses[3])],
    }


@case("reflection_interleaved")
def _():
    # One request at a time: the second is sent only after the first answer arrived, so the server must answer
    # while the client's stream is still open (a true bidirectional stream).
    import queue
    pending = queue.Queue()

    def requests():
        while True:
            item = pending.get(timeout=CALL_TIMEOUT)
            if item is None:
                return
            yield item

    call = reflection_v1alpha(requests(), timeout=CALL_TIMEOUT)
    pending.put(ReflectionRequest(file_containing_symbol="grpc.health.v1.Health"))
    first = next(call)
    pending.put(ReflectionRequest(list_services=""))
    second = next(call)
    pending.put(None)
    rest = list(call)
    return {
        "first_files": [f.name for f in described_files(first)],
        "second_services": len(second.list_services_response.service),
        "after_half_close": len(rest),
    }


@case("echo_after_errors")
def _():
    return {"text": echo(EchoRequest(text="still serving"), timeout=CALL_TIMEOUT).text}


channel.close()
print(json.dumps(results, ensure_ascii=False, indent=1))
