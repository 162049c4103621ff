#!/usr/bin/env bash
# Side-by-side cbench-style runs: our controller, ovs-testcontroller and os-ken (bench/osken_l2.py), each pinned to
# core 0 with the load generator (bench/Sdn.LoadGen) on core 1; throughput and latency modes; prints a markdown table
# and saves it (with the raw generator output) under bench/results/.
#
# Usage: bench/compare.sh            (all defaults)
# Environment knobs (defaults in brackets):
#   LOOPS [12]  LOOP_MS [1000]  WARMUP [3]  SWITCHES [16]  MACS [100000]
#   (loops include the warm-up ones; 3 cover our controller's JIT tier-up, about 2 s under load: cbench's -w exists
#   for the same reason, JIT-compiled controllers)
#   OF          OpenFlow versions to run, e.g. "1.0" or "1.0 1.3"; default: 1.0 if our controller speaks it, else 1.3
#   CONTROLLERS ["ours ovs osken"]     MODES ["throughput latency"]
#   PORT_BASE   [16700] first TCP port tried (6633/6653 are never used)
#   OURS_ARGS   extra settings for our controller, e.g. "--Topology:Enabled=false"
#   NO_BUILD=1  skip the Release builds     NO_INSTALL=1  never call apt-get
#   CTRL_CPU [0]  GEN_CPU [1]  cores for the controller and the generator
set -euo pipefail

LOOPS=${LOOPS:-12}
LOOP_MS=${LOOP_MS:-1000}
WARMUP=${WARMUP:-3}
SWITCHES=${SWITCHES:-16}
MACS=${MACS:-100000}
CONTROLLERS=${CONTROLLERS:-"ours ovs osken"}
MODES=${MODES:-"throughput latency"}
PORT_BASE=${PORT_BASE:-16700}
CTRL_CPU=${CTRL_CPU:-0}
GEN_CPU=${GEN_CPU:-1}

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
OURS_DLL=src/Sdn.Controller.Host/bin/Release/net10.0/sdn-controller.dll
LOADGEN_DLL=bench/Sdn.LoadGen/bin/Release/net10.0/sdn-loadgen.dll
OSKEN_APP=bench/osken_l2.py
RUN_SECONDS=$(( (LOOPS * LOOP_MS + 999) / 1000 ))
CTRL_TIMEOUT=$(( RUN_SECONDS + 60 ))   # bound on every controller process
GEN_TIMEOUT=$(( RUN_SECONDS + 40 ))    # bound on every generator run

say() { printf '%s\n' "$*" >&2; }

# ---------------------------------------------------------------- prerequisites
install_pkg() { # install_pkg PACKAGE: apt-get install, with one apt-get update retry
    if [[ -n ${NO_INSTALL:-} ]]; then say "missing Debian package $1 (NO_INSTALL set)"; return 1; fi
    say "installing Debian package $1"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "$1" >/dev/null 2>&1 ||
        { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends "$1" >/dev/null 2>&1; }
}
for c in $CONTROLLERS; do
    case $c in
        ovs) command -v ovs-testcontroller >/dev/null || install_pkg openvswitch-testcontroller ;;
        osken) command -v osken-manager >/dev/null || install_pkg python3-os-ken ;;
        ours) ;;
        *) say "unknown controller '$c' (ours, ovs, osken)"; exit 1 ;;
    esac
done
for tool in taskset timeout ss; do command -v $tool >/dev/null || { say "$tool is required"; exit 1; }; done
if (( $(nproc) < 2 )); then say "warning: $(nproc) core(s): controller and generator share a core"; GEN_CPU=$CTRL_CPU; fi
if [[ " $CONTROLLERS " == *" ovs "* ]] && (( SWITCHES > 16 )); then say "warning: ovs-testcontroller serves at most 16 switches"; fi

if [[ -z ${NO_BUILD:-} ]]; then
    say "building Release: controller and load generator"
    dotnet build -c Release -v q -nologo src/Sdn.Controller.Host/Sdn.Controller.Host.csproj >&2
    dotnet build -c Release -v q -nologo bench/Sdn.LoadGen/Sdn.LoadGen.csproj >&2
fi
[[ -f $OURS_DLL && -f $LOADGEN_DLL ]] || { say "build outputs missing"; exit 1; }

STAMP=$(date -u +%Y%m%d-%H%M%S)
HOST=$(hostname -s 2>/dev/null || echo host)
mkdir -p bench/results
RESULT_MD=bench/results/compare-$STAMP-$HOST.md
RAW_LOG=bench/results/compare-$STAMP-$HOST.log
: > "$RAW_LOG"

# ---------------------------------------------------------------- controller processes (only ours are ever killed)
NEXT_PORT=$PORT_BASE
CTRL_PID=""
free_port() {
    while :; do
        if [[ $NEXT_PORT != 6633 && $NEXT_PORT != 6653 ]] && [[ -z $(ss -Hltn "sport = :$NEXT_PORT" 2>/dev/null) ]]; then
            PORT=$NEXT_PORT; NEXT_PORT=$((NEXT_PORT + 1)); return
        fi
        NEXT_PORT=$((NEXT_PORT + 1))
    done
}

start_controller() { # start_controller NAME OF PORT LOG
    local name=$1 of=$2 port=$3 log=$4
    case $name in
        ours)
            # Default configuration (topology discovery on; the controller sets inline socket completions itself), minus
            # the status and gRPC listeners, whose fixed ports another controller on the machine may hold.
            timeout -k 5 "$CTRL_TIMEOUT" taskset -c "$CTRL_CPU" \
                dotnet "$OURS_DLL" --Controller:Endpoints:0=127.0.0.1:"$port" --Serilog:MinimumLevel:Default=Warning \
                --Api:HttpEndpoint= --Northbound:GrpcEndpoint= --Northbound:PolicyDatabase="${log%.log}-policies.db" \
                ${OURS_ARGS:-} >"$log" 2>&1 &
            ;;
        ovs)
            local opt=()
            [[ $of == 1.3 ]] && opt=(-O OpenFlow13)
            timeout -k 5 "$CTRL_TIMEOUT" taskset -c "$CTRL_CPU" ovs-testcontroller "${opt[@]}" ptcp:"$port":127.0.0.1 >"$log" 2>&1 &
            ;;
        osken)
            timeout -k 5 "$CTRL_TIMEOUT" taskset -c "$CTRL_CPU" osken-manager --ofp-listen-host 127.0.0.1 \
                --ofp-tcp-listen-port "$port" "$OSKEN_APP" >"$log" 2>&1 &
            ;;
    esac
    CTRL_PID=$!
    local i
    for i in $(seq 100); do
        [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]] && return 0
        kill -0 "$CTRL_PID" 2>/dev/null || break
        sleep 0.2
    done
    say "controller $name did not start listening on $port; its log:"; tail -20 "$log" >&2
    stop_controller
    return 1
}

stop_controller() {
    [[ -z $CTRL_PID ]] && return 0
    kill -TERM "$CTRL_PID" 2>/dev/null || true   # the timeout process forwards TERM to the controller
    local i
    for i in $(seq 50); do kill -0 "$CTRL_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$CTRL_PID" 2>/dev/null || true
    wait "$CTRL_PID" 2>/dev/null || true
    CTRL_PID=""
}
trap stop_controller EXIT

loadgen() { # loadgen ARGS... (pinned, bounded)
    timeout -k 5 "$GEN_TIMEOUT" taskset -c "$GEN_CPU" env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
        dotnet "$LOADGEN_DLL" "$@"
}

# ---------------------------------------------------------------- does our controller speak OpenFlow 1.0 yet?
OURS_OF10=no
if [[ " $CONTROLLERS " == *" ours "* ]]; then
    free_port
    if start_controller ours 1.0 "$PORT" /tmp/compare-probe-$$.log; then
        if loadgen -c 127.0.0.1:"$PORT" --of 1.0 -m storm -s 1 --hold-ms 0 --storm-timeout-ms 5000 >>"$RAW_LOG" 2>&1; then
            OURS_OF10=yes
        fi
        stop_controller
    fi
    rm -f /tmp/compare-probe-$$.log
    say "our controller speaks OpenFlow 1.0: $OURS_OF10"
fi
if [[ -z ${OF:-} ]]; then
    if [[ $OURS_OF10 == yes || " $CONTROLLERS " != *" ours "* ]]; then OF=1.0; else OF=1.3; fi
fi

# ---------------------------------------------------------------- runs
declare -A MEDIAN MINV MAXV FAIR RTT NOTE
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for of in $OF; do
    for mode in $MODES; do
        for c in $CONTROLLERS; do
            key="$c|$mode|$of"
            if [[ $c == ours && $of == 1.0 && $OURS_OF10 != yes ]]; then NOTE[$key]="no OpenFlow 1.0 yet"; continue; fi
            free_port
            log=/tmp/compare-$c-$$.log
            say "== $c, $mode, OpenFlow $of, port $PORT"
            if ! start_controller "$c" "$of" "$PORT" "$log"; then NOTE[$key]="did not start"; continue; fi
            {
                echo "### $c $mode OpenFlow $of (port $PORT, controller on cpu $CTRL_CPU, generator on cpu $GEN_CPU)"
            } >>"$RAW_LOG"
            set +e
            out=$(loadgen -c 127.0.0.1:"$PORT" --of "$of" -m "$mode" -s "$SWITCHES" -M "$MACS" \
                  --loops "$LOOPS" --loop-ms "$LOOP_MS" --warmup "$WARMUP" 2>&1)
            rc=$?
            set -e
            printf '%s\n' "$out" >>"$RAW_LOG"
            printf '%s\n' "$out" | grep -E '^(loop|RESULT|fairness|latency|ERROR|WARNING)' >&2 || true
            stop_controller
            { echo "--- controller log (last 5 lines)"; tail -5 "$log"; echo; } >>"$RAW_LOG"
            rm -f "$log"
            summary=$(printf '%s\n' "$out" | grep '^SUMMARY' || true)
            if [[ -z $summary ]]; then NOTE[$key]="generator failed (exit $rc)"; continue; fi
            get() { printf '%s\n' "$summary" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
            MEDIAN[$key]=$(get median); MINV[$key]=$(get min); MAXV[$key]=$(get max)
            FAIR[$key]=$(get fairness); RTT[$key]=$(get rtt_us)
            [[ $rc == 3 ]] && NOTE[$key]="controller dropped a switch"
        done
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
name_of() { case $1 in ours) echo "sdn-controller (ours)";; ovs) echo "ovs-testcontroller";; osken) echo "os-ken (osken_l2.py)";; esac; }
fmt() { [[ -z ${1:-} ]] && { echo "–"; return; }; printf "%'d" "$1" 2>/dev/null || echo "$1"; }
{
    echo "# Controller comparison, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $HOST, $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), kernel $(uname -r)"
    echo "- Software: .NET $(dotnet --version 2>/dev/null), $(ovs-testcontroller --version 2>/dev/null | head -1 || true), os-ken $(/usr/bin/python3 -c 'import os_ken; print(os_ken.__version__)' 2>/dev/null || echo '?'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "- Load average before / after: $LOAD_BEFORE / $LOAD_AFTER (other work on the machine makes the numbers noisy)"
    echo "- Conditions: $SWITCHES switches, $MACS MACs/switch, $LOOPS loops x $LOOP_MS ms, $WARMUP warm-up loop(s) dropped; controller on cpu $CTRL_CPU, generator on cpu $GEN_CPU (taskset); fresh controller process per row; loopback TCP"
    echo "- Our controller speaks OpenFlow 1.0: $OURS_OF10"
    echo "- Command: \`LOOPS=$LOOPS WARMUP=$WARMUP LOOP_MS=$LOOP_MS SWITCHES=$SWITCHES OF=\"$OF\" bench/compare.sh\`"
    echo
    echo "Responses/s = FLOW_MOD + PACKET_OUT messages received per second, all switches (one per buffered PACKET_IN for every controller here). Ratio = median / ovs-testcontroller's median in the same mode and OpenFlow version."
    echo
    echo "| controller | mode | OF | min | median | max | fairness | mean RTT µs | × ovs-testcontroller | note |"
    echo "|---|---|---|--:|--:|--:|--:|--:|--:|---|"
    for of in $OF; do
        for mode in $MODES; do
            for c in $CONTROLLERS; do
                key="$c|$mode|$of"; base=${MEDIAN["ovs|$mode|$of"]:-}; med=${MEDIAN[$key]:-}
                ratio="–"
                if [[ -n $base && -n $med && $base != 0 ]]; then ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f", a / b }'); fi
                rtt="–"; [[ $mode == latency && -n ${RTT[$key]:-} ]] && rtt=${RTT[$key]}
                echo "| $(name_of "$c") | $mode | $of | $(fmt "${MINV[$key]:-}") | $(fmt "$med") | $(fmt "${MAXV[$key]:-}") | ${FAIR[$key]:-–} | $rtt | $ratio | ${NOTE[$key]:-} |"
            done
        done
    done
    echo
    echo "Raw generator output: \`$(basename "$RAW_LOG")\`."
} >"$RESULT_MD"
cat "$RESULT_MD"
say "saved $RESULT_MD"
