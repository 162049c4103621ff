#!/usr/bin/env bash
# CPU time the controller spends per response (user + system, from /proc/PID/stat) while bench/Sdn.LoadGen drives it:
# a load-resistant companion to bench/compare.sh, whose responses/s swing with what else runs on the machine.
# Usage: bench/cpu-per-response.sh ours|ovs PORT throughput|latency [extra controller settings...]
#   e.g. bench/cpu-per-response.sh ours 17301 latency --Controller:WaitForDataBeforeAllocatingBuffer=false
# Controller on core 0, generator on core 1 (taskset), OpenFlow 1.0, 16 switches, 2 warm-up + 7 loops of 1 s; the CPU
# time is sampled over 4 s inside the measured loops. Build Release first (dotnet build Controller.sln -c Release).
set -euo pipefail
WHO=$1; PORT=$2; MODE=$3; shift 3
REPO=$(cd "$(dirname "$0")/.." && pwd)
LOG=$(mktemp -d)
trap 'pkill -f "ptcp:$PORT:127.0.0.1" 2>/dev/null || true; pkill -f "Endpoints:0=127.0.0.1:$PORT" 2>/dev/null || true; rm -rf "$LOG"' EXIT
if [[ $WHO == ours ]]; then
    timeout 60 taskset -c 0 dotnet "$REPO/src/Sdn.Controller.Host/bin/Release/net10.0/sdn-controller.dll" \
        --Controller:Endpoints:0=127.0.0.1:"$PORT" --Serilog:MinimumLevel:Default=Warning --Api:HttpEndpoint= \
        --Northbound:GrpcEndpoint= --Northbound:PolicyDatabase="$LOG/policies.db" "$@" >"$LOG/controller.log" 2>&1 &
    sleep 2.5
    PID=$(pgrep -f "sdn-controller.dll --Controller:Endpoints:0=127.0.0.1:$PORT" | tail -1)
else
    timeout 60 taskset -c 0 ovs-testcontroller ptcp:"$PORT":127.0.0.1 >"$LOG/controller.log" 2>&1 &
    sleep 0.5
    PID=$(pgrep -f "ovs-testcontroller ptcp:$PORT:127.0.0.1" | tail -1)
fi
timeout 40 taskset -c 1 dotnet "$REPO/bench/Sdn.LoadGen/bin/Release/net10.0/sdn-loadgen.dll" -c 127.0.0.1:"$PORT" --of 1.0 \
    -m "$MODE" -s 16 --loops 7 --loop-ms 1000 --warmup 2 >"$LOG/gen.log" 2>&1 &
GEN=$!
sleep 3.2
t0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
sleep 4
t1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
wait "$GEN" || true
avg=$(sed -n 's/^RESULT.*avg \([0-9,]*\) responses.*/\1/p' "$LOG/gen.log" | tr -d ,)
[[ -n $avg && $avg -gt 0 ]] || { echo "$WHO $MODE: no RESULT from the generator" >&2; cat "$LOG/gen.log" >&2; exit 1; }
ticks=$(getconf CLK_TCK)
awk -v who="$WHO" -v mode="$MODE" -v args="$*" -v avg="$avg" -v d=$((t1 - t0)) -v hz="$ticks" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
    ms = d * 1000 / hz; printf "%s %s %s: %d responses/s (average of the measured loops), controller CPU %d ms in 4 s = %.2f us per response (load %s)\n",
    who, mode, args, avg, ms, ms * 1000 / (avg * 4), load }'
