#!/usr/bin/env bash
# Lab 04: cut and restore links under a 1 ms UDP probe, with fast failover on and off.
# Usage (root, from anywhere; build Release first):
#   labs/04-link-failure/run.sh [ring|leafspine] [CUTS]
# Environment: PORT (OpenFlow, default 6653), API_PORT (status API, default 18080),
#              MODES ("on off" by default: fast failover on, then off; "switch" = fast failover on,
#              then the controller frozen and disconnected: the switches' groups alone).
set -euo pipefail
TOPO=${1:-ring}
CUTS=${2:-10}
PORT=${PORT:-6653}
API_PORT=${API_PORT:-18080}
MODES=${MODES:-on off}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
DLL=$REPO/src/Sdn.Controller.Host/bin/Release/net10.0/sdn-controller.dll
DRIVER=$REPO/tests/Sdn.Lab.Tests/scripts/failover_run.py
LOGS=$REPO/.lab-logs
mkdir -p "$LOGS"
[ -f "$DLL" ] || { echo "build first: dotnet build Controller.sln -c Release" >&2; exit 1; }
ovs-vsctl --timeout=5 show >/dev/null 2>&1 || /usr/share/openvswitch/scripts/ovs-ctl start --system-id=random

CTL_PID=
stop_controller() { [ -n "$CTL_PID" ] && kill "$CTL_PID" 2>/dev/null && wait "$CTL_PID" 2>/dev/null; CTL_PID=; }
trap stop_controller EXIT

for MODE in $MODES; do
  FF=true; [ "$MODE" = off ] && FF=false
  LOG=$LOGS/lab04-controller-$TOPO-ff-$MODE.log
  (cd "$(dirname "$DLL")" && exec dotnet "$DLL" --Controller:Endpoints:0=127.0.0.1:$PORT \
      --Controller:Apps:0=ShortestPath --ShortestPath:FastFailover=$FF \
      --Api:HttpEndpoint=127.0.0.1:$API_PORT) >"$LOG" 2>&1 &
  CTL_PID=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$API_PORT/v1/topology" >/dev/null && break; sleep 0.2; done
  EXTRA=(--check-stale --controller-log "$LOG")
  if [ "$MODE" = switch ]; then EXTRA=(--switch-only --controller-pid "$CTL_PID"); fi
  echo "=== $TOPO, fast failover $MODE, $CUTS cuts (load: $(cut -d' ' -f1-3 /proc/loadavg)); controller log $LOG"
  timeout --kill-after=10 $((60 + CUTS * 20)) /usr/bin/python3 "$DRIVER" --topo "$TOPO" --port "$PORT" \
      --api "http://127.0.0.1:$API_PORT/" --cuts "$CUTS" "${EXTRA[@]}" \
    | grep -E '^(cut |### .*(topology|ping|stale|disconnected))|"phase": "final"' || true
  stop_controller
done
