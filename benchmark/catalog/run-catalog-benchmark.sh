#!/usr/bin/env bash
# The catalog benchmark (issue 4): starts the whole system in memory on its own ports, seeds N published
# courses through the command side's REST API (measuring the authoring commands per second), waits until the
# query side lists them all, then measures GET /api/courses on the query side at C concurrent clients with
# wrk, one phase per kind of query, and prints a table. Stops everything it started on exit, even on Ctrl-C.
# See docs/catalog-benchmark.md.
set -euo pipefail
# throughput is measured with the JIT a long-running service has (run.sh starts with C1 alone unless told)
export LMS_JIT=${LMS_JIT:-full}

usage() {
    cat <<'EOF'
Usage: benchmark/catalog/run-catalog-benchmark.sh [options]

  --courses N        published courses to seed (default 10000; env CATALOG_COURSES)
  --duration S       seconds of each measured load phase (default 20; env CATALOG_DURATION)
  --warmup S         seconds of unmeasured load before each phase (default 5; env CATALOG_WARMUP)
  --jit-warmup S     seconds of unmeasured load at 50 clients over all load phases' queries before the
                     first measured phase, so that the figures are of a warmed-up service (default 90;
                     env CATALOG_JIT_WARMUP; 0 measures a cold one)
  --connections "C.." concurrent clients, one or more levels, each load phase is run at each
                     (default 50; env CATALOG_CONNECTIONS; e.g. "1 50" to see the service time too)
  --wrk-threads T    wrk threads (default 2; env CATALOG_WRK_THREADS)
  --seed-phases P    seeding client threads and courses per phase (default "1:300,4:1200,16:rest";
                     env CATALOG_SEED_PHASES)
  --load-phases L    load phases, space separated, among: list filter search sort combined
                     (default all five; env CATALOG_LOAD_PHASES)
  --no-build         use the jars as they are (passed to run.sh)
  --keep             keep the temporary folder with the logs and the raw results
  -h, --help         this text

Ports (loopback only): LMS_EMBEDDED_MONGO_PORT (27117), LMS_COMMAND_SIDE_PORT (8180),
LMS_QUERY_SIDE_PORT (8181). JAVA_OPTS is passed to both services. With MONGODB_URI set (an empty database
on a real MongoDB) no embedded server is started and run.sh runs without --memory.
EOF
}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

COURSES=${CATALOG_COURSES:-10000}
DURATION=${CATALOG_DURATION:-20}
WARMUP=${CATALOG_WARMUP:-5}
JIT_WARMUP=${CATALOG_JIT_WARMUP:-90}
CONNECTIONS=${CATALOG_CONNECTIONS:-50}
WRK_THREADS=${CATALOG_WRK_THREADS:-2}
SEED_PHASES=${CATALOG_SEED_PHASES:-1:300,4:1200,16:rest}
LOAD_PHASES=${CATALOG_LOAD_PHASES:-list filter search sort combined}
RUN_OPTS=(--no-tail)
if [ -z "${MONGODB_URI:-}" ]; then RUN_OPTS+=(--memory); fi
KEEP=false
while [ $# -gt 0 ]; do
    case $1 in
        --courses) COURSES=$2; shift ;;
        --duration) DURATION=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --jit-warmup) JIT_WARMUP=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --wrk-threads) WRK_THREADS=$2; shift ;;
        --seed-phases) SEED_PHASES=$2; shift ;;
        --load-phases) LOAD_PHASES=$2; shift ;;
        --no-build) RUN_OPTS+=(--no-build) ;;
        --keep) KEEP=true ;;
        -h | --help) usage; exit 0 ;;
        *) echo "run-catalog-benchmark.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

export LMS_EMBEDDED_MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-27117}
export LMS_COMMAND_SIDE_PORT=${LMS_COMMAND_SIDE_PORT:-8180}
export LMS_QUERY_SIDE_PORT=${LMS_QUERY_SIDE_PORT:-8181}
export LMS_ADMIN_USERNAME= # no bootstrap admin: the seeder signs up its own instructors
COMMAND=http://127.0.0.1:$LMS_COMMAND_SIDE_PORT
QUERY=http://127.0.0.1:$LMS_QUERY_SIDE_PORT

say() { printf '[catalog-benchmark %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() {
    printf '[catalog-benchmark] error: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------------- tools

if ! command -v wrk >/dev/null 2>&1; then
    say "wrk is missing: installing Debian's package"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "wrk is missing and this is not root: apt-get install wrk first"
        SUDO=sudo
    fi
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq wrk >/dev/null
    command -v wrk >/dev/null 2>&1 || die "could not install wrk"
fi
command -v curl >/dev/null 2>&1 || die "curl is needed"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then JAVA=$JAVA_HOME/bin/java; else JAVA=java; fi
command -v "$JAVA" >/dev/null 2>&1 || die "no java: install a JDK 17 or newer"

# ---------------------------------------------------------------------------------------------------- system

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# what run.sh is about to build and run: the working tree as it is now
CODE="commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?') at the start"
if git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -q .; then
    CODE="$CODE, plus uncommitted changes in the tree (run.sh builds what is there)"
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/catalog-benchmark.XXXXXX")
export LMS_DATA_DIR=$WORK/data
RUN_LOG=$WORK/run.log
RUN_PID=""
SERVICE_PIDS=""
CHILD=""

# Runs a command in the background, its output into a file (and, with --show, onto the terminal too), and
# waits for it: so that a signal interrupts the wait at once and the cleanup can stop the command.
child() { # [--show] outfile command...
    local show=false out rc=0 tailer=""
    if [ "$1" = --show ]; then show=true; shift; fi
    out=$1
    shift
    "$@" >"$out" 2>&1 &
    CHILD=$!
    if $show; then
        tail -n +1 -f --pid="$CHILD" "$out" &
        tailer=$!
    fi
    wait "$CHILD" || rc=$?
    if [ -n "$tailer" ]; then wait "$tailer" 2>/dev/null || true; fi
    CHILD=""
    return "$rc"
}

services() { # the pids of run.sh's children (embedded MongoDB, command side, query side)
    if [ -n "$RUN_PID" ]; then pgrep -P "$RUN_PID" 2>/dev/null | tr '\n' ' ' || true; fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM HUP
    if [ -n "$CHILD" ] && kill -0 "$CHILD" 2>/dev/null; then
        kill -TERM "$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
        SERVICE_PIDS="$SERVICE_PIDS $(services)"
        say "stopping the system (run.sh pid $RUN_PID)"
        kill -TERM "$RUN_PID" 2>/dev/null || true
        for _ in $(seq 1 600); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.2; done
        if kill -0 "$RUN_PID" 2>/dev/null; then kill -KILL "$RUN_PID" 2>/dev/null || true; fi
        wait "$RUN_PID" 2>/dev/null || true
    fi
    # run.sh stops its children; whatever is still there (it was killed) goes now, by pid
    for pid in $SERVICE_PIDS; do
        if kill -0 "$pid" 2>/dev/null; then
            say "process $pid is still running: killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    done
    if $KEEP || [ "$rc" -ne 0 ]; then
        say "logs and raw results kept in $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

for port in "$LMS_EMBEDDED_MONGO_PORT" "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        die "port $port is taken; choose others with LMS_EMBEDDED_MONGO_PORT, LMS_COMMAND_SIDE_PORT, LMS_QUERY_SIDE_PORT"
    fi
done

say "starting the system (in memory; ports $LMS_EMBEDDED_MONGO_PORT, $LMS_COMMAND_SIDE_PORT, $LMS_QUERY_SIDE_PORT; log $RUN_LOG)"
"$ROOT/run.sh" "${RUN_OPTS[@]}" >"$RUN_LOG" 2>&1 &
RUN_PID=$!
until grep -q 'The system is up' "$RUN_LOG" 2>/dev/null; do
    if ! kill -0 "$RUN_PID" 2>/dev/null; then
        cat "$RUN_LOG" >&2
        RUN_PID=""
        die "run.sh stopped before the system was up"
    fi
    sleep 1
done
for port in "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
    curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health" | grep -q '"status":"UP"' ||
        die "http://127.0.0.1:$port/actuator/health is not UP"
done
SERVICE_PIDS=$(services)
pid_of() { # jar name part → pid of that child of run.sh
    local pid
    for pid in $SERVICE_PIDS; do
        if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$1"; then echo "$pid"; return; fi
    done
}
MONGO_PID=$(pid_of embedded-mongo)
COMMAND_PID=$(pid_of command-side)
QUERY_PID=$(pid_of query-side)
say "the system is up (embedded-mongo pid $MONGO_PID, command side pid $COMMAND_PID, query side pid $QUERY_PID)"

cpu_ticks() { # pid → user+system clock ticks so far
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}
TICKS=$(getconf CLK_TCK)
machine_ticks() { # busy and total clock ticks of all cores so far
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6 }' /proc/stat
}
cpu_snapshot() {
    echo "$(cpu_ticks "$MONGO_PID") $(cpu_ticks "$COMMAND_PID") $(cpu_ticks "$QUERY_PID") $(machine_ticks)"
}
cpu_share() { # before after seconds → "mongo% command% query%" of one core, and the whole machine's busy %
    local -a b a
    read -r -a b <<<"$1"
    read -r -a a <<<"$2"
    awk -v s="$3" -v t="$TICKS" -v m=$((a[0] - b[0])) -v c=$((a[1] - b[1])) -v q=$((a[2] - b[2])) \
        -v busy=$((a[3] - b[3])) -v all=$((a[4] - b[4])) \
        'BEGIN { printf "%.0f %.0f %.0f %.0f", 100 * m / t / s, 100 * c / t / s, 100 * q / t / s,
                 (all > 0 ? 100 * busy / all : 0) }'
}

heap_used() { # pid → MiB of heap in use after a full collection (what the query side keeps: the catalog mirror)
    local jcmd
    jcmd="$(dirname "$JAVA")/jcmd"
    [ -x "$jcmd" ] || jcmd=$(command -v jcmd) || { echo "?"; return; }
    "$jcmd" "$1" GC.run >/dev/null 2>&1 || { echo "?"; return; }
    "$jcmd" "$1" GC.heap_info 2>/dev/null | awk '/heap/ && /used/ {
        for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); printf "%.0f", v / 1024; exit } }'
}

# ---------------------------------------------------------------------------------------------------- seeding

QUERIES=$WORK/queries.tsv
HEAP_BEFORE=$(heap_used "$QUERY_PID")
say "query side heap in use after a full GC, before seeding: ${HEAP_BEFORE} MiB"
say "seeding $COURSES courses through $COMMAND (phases threads:courses $SEED_PHASES)"
before=$(cpu_snapshot)
seed_start=$SECONDS
child --show "$WORK/seed.txt" "$JAVA" "$HERE/CatalogSeeder.java" seed --command "$COMMAND" --courses "$COURSES" \
    --phases "$SEED_PHASES" --queries "$QUERIES" --results "$WORK/seed.properties" || die "seeding failed"
seed_cpu=$(cpu_share "$before" "$(cpu_snapshot)" $((SECONDS - seed_start > 0 ? SECONDS - seed_start : 1)))
say "CPU during seeding (% of one core: embedded-mongo command-side query-side; machine busy %): $seed_cpu"
child --show "$WORK/wait.txt" "$JAVA" "$HERE/CatalogSeeder.java" wait --query "$QUERY" --courses "$COURSES" \
    --timeout 1800 || die "the query side did not catch up"
HEAP_AFTER=$(heap_used "$QUERY_PID")
say "query side heap in use after a full GC, with the catalog loaded: ${HEAP_AFTER} MiB"

# ---------------------------------------------------------------------------------------------------- load

declare -A RESULT CPU
RUNS=()
# The JIT: with 50 request threads runnable on two cores, the compiler threads get a small share of the CPU, and
# the first minute of load after a start ran at less than half the rate of the steady state (filter at 50
# clients, three 30 s rounds after a start: 3,760, 6,237 and 9,247 req/s).
if [ "$JIT_WARMUP" -gt 0 ]; then
    set -- $LOAD_PHASES
    each=$(((JIT_WARMUP + $# - 1) / $#))
    say "JIT warm-up: ${each}s of each load phase at 50 connections, not measured"
    for phase in $LOAD_PHASES; do
        child "$WORK/wrk-$phase-jit-warmup.txt" wrk -t"$WRK_THREADS" -c50 -d"${each}s" --timeout 30s \
            -s "$HERE/catalog.lua" "$QUERY" -- "$QUERIES" "$phase" || true
    done
fi
for phase in $LOAD_PHASES; do
    for conns in $CONNECTIONS; do
        RUNS+=("$phase/$conns")
        threads=$((conns < WRK_THREADS ? conns : WRK_THREADS)) # wrk needs a connection per thread at least
        grep -q "^$phase	" "$QUERIES" || die "unknown load phase '$phase'"
        example=$(grep -m1 "^$phase	" "$QUERIES" | cut -f2)
        say "phase $phase at $conns connections: e.g. GET $example"
        total=$(curl -fsS --max-time 30 "$QUERY$example" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
        say "  that one matches ${total:-?} courses"
        if [ "$WARMUP" -gt 0 ]; then
            child "$WORK/wrk-$phase-$conns-warmup.txt" wrk -t"$threads" -c"$conns" -d"${WARMUP}s" --timeout 30s \
                -s "$HERE/catalog.lua" "$QUERY" -- "$QUERIES" "$phase" || true
        fi
        before=$(cpu_snapshot)
        child "$WORK/wrk-$phase-$conns.txt" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 30s --latency \
            -s "$HERE/catalog.lua" "$QUERY" -- "$QUERIES" "$phase" ||
            { cat "$WORK/wrk-$phase-$conns.txt" >&2; die "wrk failed in phase $phase"; }
        CPU[$phase/$conns]=$(cpu_share "$before" "$(cpu_snapshot)" "$DURATION")
        RESULT[$phase/$conns]=$(grep '^RESULT' "$WORK/wrk-$phase-$conns.txt" | sed 's/^RESULT //')
        say "  ${RESULT[$phase/$conns]}"
    done
done

# ---------------------------------------------------------------------------------------------------- report

get() { # "k=v k=v" key
    printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
prop() { sed -n "s/^$1=//p" "$WORK/seed.properties"; }

echo
echo "Catalog benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $COURSES published courses"
echo "Code: $CODE"
grep -m1 '^run.sh: building' "$RUN_LOG" || true
echo "Load average before the start: $LOAD_BEFORE; machine busy during each phase in the last column (other \
processes on the machine skew the figures)"
echo
echo "Seeding through the command side (3 commands a course: create, add a video, publish):"
sed -n 's/^seed: //p' "$WORK/seed.txt"
echo "CPU while seeding, % of one core (embedded-mongo / command side / query side / machine busy % of all cores): ${seed_cpu// / \/ }"
sed -n 's/^wait: //p' "$WORK/wait.txt" | tail -n 1
echo "query side heap in use after a full GC: ${HEAP_BEFORE} MiB before seeding, ${HEAP_AFTER} MiB with $COURSES courses"
echo
echo "GET /api/courses on the query side: $WRK_THREADS wrk threads, ${DURATION}s each after ${WARMUP}s of warm-up (and ${JIT_WARMUP}s of JIT warm-up before the first)"
printf '%-9s %5s %9s %8s %8s %8s %8s %8s %7s %7s %-30s\n' \
    phase conns requests req/s 'p50 ms' 'p90 ms' 'p99 ms' 'max ms' non-2xx sockerr 'CPU % mongo/cmd/query/machine'
for run in "${RUNS[@]}"; do
    phase=${run%/*}
    conns=${run#*/}
    r=${RESULT[$run]}
    non2xx=$(($(get "$r" status4xx) + $(get "$r" status5xx) + $(get "$r" other)))
    sockerr=$(($(get "$r" connect) + $(get "$r" read) + $(get "$r" write) + $(get "$r" timeout)))
    printf '%-9s %5s %9s %8s %8s %8s %8s %8s %7s %7s %-30s\n' "$phase" "$conns" "$(get "$r" requests)" "$(get "$r" rps)" \
        "$(get "$r" p50)" "$(get "$r" p90)" "$(get "$r" p99)" "$(get "$r" max)" "$non2xx" "$sockerr" \
        "${CPU[$run]// //}"
done
echo
echo "Query strings (32 per phase, round robin; all in $QUERIES):"
for phase in $LOAD_PHASES; do
    printf '  %-9s %s\n' "$phase" "$(grep -m1 "^$phase	" "$QUERIES" | cut -f2)"
done
if [ "$(prop failures)" != "0" ]; then
    echo "WARNING: $(prop failures) seeding commands failed (see above)"
fi
errors=$(grep -c -E ' (ERROR|WARN) ' "$LMS_DATA_DIR/logs/command-side.log" "$LMS_DATA_DIR/logs/query-side.log" \
    "$LMS_DATA_DIR/logs/embedded-mongo.log" 2>/dev/null | tr '\n' ' ')
echo "WARN/ERROR lines in the service logs: $errors"
