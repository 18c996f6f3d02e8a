#!/usr/bin/env bash
# Post and reply latency of two builds on the same seeded forum, interleaved (issue 11; docs/forums.md): an embedded
# MongoDB in memory seeded once by io.lms.benchmark.ForumSeed, then, ROUNDS times, each build's services started on
# it in turn by that build's run.sh, the forum loaded once, and benchmark/forum/PostLoad.java at CLIENTS clients:
# a warm-up, then a timed phase; one line per build and round, every other round in reverse order. Stops what it
# started.
#
#   benchmark/forum/compare-posts.sh [--posts 100000] [--rounds 2] [--clients 16] [--seconds 20] [--ports BASE] \
#       LABEL=FOLDER...
# A FOLDER holds a run.sh and the command-side and query-side -exec jars under */target, as a checkout does (e.g. a
# copy of another commit's). Ports: the command side on BASE, the query side on BASE+1, the embedded server on
# BASE+2 (default 18600). Needs the benchmark module built (run-forum-benchmark.sh without --no-build once).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
POSTS=100000
ROUNDS=2
CLIENTS=16
SECONDS_EACH=20
PORTS=18600
while [ $# -gt 0 ]; do
    case "$1" in
        --posts) POSTS=$2; shift 2 ;;
        --rounds) ROUNDS=$2; shift 2 ;;
        --clients) CLIENTS=$2; shift 2 ;;
        --seconds) SECONDS_EACH=$2; shift 2 ;;
        --ports) PORTS=$2; shift 2 ;;
        *=*) break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ $# -gt 0 ] || { echo "give at least one LABEL=FOLDER" >&2; exit 2; }
export LMS_JIT=full LMS_CDS=false
export LMS_COMMAND_SIDE_PORT=$PORTS LMS_QUERY_SIDE_PORT=$((PORTS + 1)) LMS_EMBEDDED_MONGO_PORT=$((PORTS + 2))
export LMS_ADMIN_USERNAME= LMS_JWT_TTL=PT2H
export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.aggregate-cache.max-entries=50"
LMS_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export LMS_JWT_SECRET
WORK=$(mktemp -d "${TMPDIR:-/tmp}/forum-compare.XXXXXX")
URI="mongodb://127.0.0.1:$LMS_EMBEDDED_MONGO_PORT"
COMMAND="http://127.0.0.1:$LMS_COMMAND_SIDE_PORT"
MONGO_JAR=$(ls -t "$ROOT"/embedded-mongo/target/embedded-mongo-*-exec.jar | head -n 1)
CP="$ROOT/benchmark/target/classes:$(cat "$ROOT/benchmark/target/classpath.txt")"
MONGO_PID=""
RUN_PID=""

stop() { # pid
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
        kill -KILL "$1" 2>/dev/null || true
    fi
}
cleanup() { stop "$RUN_PID"; stop "$MONGO_PID"; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM
quiet() { grep -v --line-buffered 'INFO org.mongodb.driver' || true; }

start_services() { # folder label
    LMS_DATA_DIR=$WORK/data-$2 MONGODB_URI="$URI/lms" "$1/run.sh" --no-build --no-tail >"$WORK/run-$2.log" 2>&1 &
    RUN_PID=$!
    for port in "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
        until curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
            kill -0 "$RUN_PID" 2>/dev/null || { cat "$WORK/run-$2.log" >&2; exit 1; }
            sleep 1
        done
    done
}

java -Xmx4g -jar "$MONGO_JAR" --host 127.0.0.1 --port "$LMS_EMBEDDED_MONGO_PORT" --memory >"$WORK/mongo.log" 2>&1 &
MONGO_PID=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$LMS_EMBEDDED_MONGO_PORT") 2>/dev/null; do sleep 0.3; done
java -cp "$CP" io.lms.benchmark.ForumSetup seed --mongo "$URI" --posts "$POSTS" --students 10000 \
    --out "$WORK/seeded.txt" 2>&1 | quiet
load() { java "$HERE/PostLoad.java" "$LMS_JWT_SECRET" "$COMMAND" "$WORK/seeded.txt" "$1" "$2"; }
VARIANTS=("$@")
for round in $(seq 1 "$ROUNDS"); do
    order=("${VARIANTS[@]}")
    if [ $((round % 2)) -eq 0 ]; then # every other round in reverse order, so that a drift of the box favours neither
        order=()
        for ((i = ${#VARIANTS[@]} - 1; i >= 0; i--)); do order+=("${VARIANTS[i]}"); done
    fi
    for variant in "${order[@]}"; do
        label=${variant%%=*}
        start_services "${variant#*=}" "$label"
        java -cp "$CP" io.lms.benchmark.ForumSetup await --mongo "$URI" --timeout 600 2>&1 | quiet
        load 1 3 >/dev/null # the forum's load (after the first build's: from its snapshot)
        load "$CLIENTS" 10 >/dev/null # warm-up
        echo "round $round, $label: $(load "$CLIENTS" "$SECONDS_EACH"); load $(cut -d' ' -f1-3 /proc/loadavg)"
        stop "$RUN_PID"
        RUN_PID=""
    done
done
