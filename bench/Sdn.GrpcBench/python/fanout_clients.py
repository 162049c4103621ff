#!/usr/bin/python3
"""WatchEvents subscribers for `sdn-grpcbench fanout --python`, with Debian's python3-grpcio.

    fanout_clients.py ADDRESS SUBSCRIBERS EVENTS LABEL

Opens SUBSCRIBERS WatchEvents streams on ADDRESS (http://127.0.0.1:PORT), each on its own channel (its own HTTP/2
connection) read by its own thread, and prints the same result line as the C# subscribers. Every event's policy id
is "n t" (n = -1 for warm-up, not recorded) or "end" (stop reading): t is the publisher's Stopwatch timestamp, which on Linux is CLOCK_MONOTONIC in nanoseconds, the
clock of time.monotonic_ns(). Message classes come from the descriptor set python/sdn.pb (Debian's protobuf is
older than what protoc generates Python for). Every stream has a 90 s deadline.
"""
import math
import os
import sys
import threading
import time

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
pool = descriptor_pool.DescriptorPool()
with open(os.path.join(HERE, 'sdn.pb'), 'rb') as f:
    for file_proto in descriptor_pb2.FileDescriptorSet.FromString(f.read()).file:
        pool.Add(file_proto)


def cls(name):
    desc = pool.FindMessageTypeByName('sdn.controller.v1.' + name)
    if hasattr(message_factory, 'GetMessageClass'):
        return message_factory.GetMessageClass(desc)
    return message_factory.MessageFactory(pool).GetPrototype(desc)


WatchEventsRequest, Event = cls('WatchEventsRequest'), cls('Event')


def read(target, delays):
    channel = grpc.insecure_channel(target)
    watch = channel.unary_stream('/sdn.controller.v1.Events/WatchEvents',
                                 request_serializer=WatchEventsRequest.SerializeToString,
                                 response_deserializer=Event.FromString)
    stream = watch(WatchEventsRequest(), timeout=90)
    try:
        for evt in stream:
            now = time.monotonic_ns()
            if evt.policy_id == 'end':
                break
            n, stamp = evt.policy_id.split(' ')
            if int(n) >= 0:
                delays.append((now - int(stamp)) / 1e6)
    except grpc.RpcError:
        pass
    finally:
        stream.cancel()
        channel.close()


def main(argv):
    target = argv[1].split('://', 1)[-1].rstrip('/')
    subscribers, events, label = int(argv[2]), int(argv[3]), argv[4]
    delays = [[] for _ in range(subscribers)]
    threads = [threading.Thread(target=read, args=(target, d), daemon=True) for d in delays]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    every = sorted(x for d in delays for x in d)

    def p(q):
        return every[min(len(every) - 1, math.ceil(q * len(every)) - 1)] if every else float('nan')
    print('%s: %d subscribers x %d events: %d of %d deliveries; publish -> read p50 %.2f ms, p99 %.2f ms, max %.2f ms'
          % (label, subscribers, events, len(every), subscribers * events, p(0.5), p(0.99), every[-1] if every else float('nan')))
    sys.stdout.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
