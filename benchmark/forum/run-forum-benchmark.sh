#!/usr/bin/env bash
# The forum benchmark (issue 11): an embedded MongoDB in memory, seeded with a forum's history in the event store's
# stored layout (io.lms.benchmark.ForumSeed: a course, --students enrolled students, a forum of --posts posts), then
# the whole system on it (run.sh with MONGODB_URI), the projections left to build the read models from those events,
# and benchmark/forum/ForumBenchmark.java against it: post and reply latency on that forum and on a forum of --small
# posts written through the API (interleaved), the first and a cold load of the big forum, a page of posts at 50
# clients, a course_update fanned out to every enrolled student. Stops what it started. See docs/forums.md
# ("Benchmark").
#
#   benchmark/forum/run-forum-benchmark.sh [--no-build] [--posts 100000] [--students 10000] [--ports BASE]
#       [ForumBenchmark options]
# --ports BASE: the command side on BASE, the query side on BASE+1, the embedded server on BASE+2 (default 18580),
# so that runs beside other services pick free ports. Data (and logs) go to a new temporary folder each run.
# Environment: LMS_EMBEDDED_MONGO_PORT, LMS_COMMAND_SIDE_PORT, LMS_QUERY_SIDE_PORT (override --ports one by one),
# LMS_BENCH_CACHE (aggregate cache entries, 50: --evict must exceed it), MONGO_HEAP (embedded server -Xmx, 4g).
set -euo pipefail
# throughput is measured with the JIT a long-running service has (run.sh starts with C1 alone unless told)
export LMS_JIT=${LMS_JIT:-full}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD=true
POSTS=100000
STUDENTS=10000
PORTS=18580
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-build) BUILD=false; shift ;;
        --posts) POSTS=$2; shift 2 ;;
        --students) STUDENTS=$2; shift 2 ;;
        --ports) PORTS=$2; shift 2 ;;
        *) ARGS+=("$1" "$2"); shift 2 ;;
    esac
done
if $BUILD; then
    (cd "$ROOT" && ./mvnw -B -q -o -pl embedded-mongo,command-side,query-side,benchmark -am package -DskipTests)
fi

export LMS_EMBEDDED_MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-$((PORTS + 2))}
export LMS_COMMAND_SIDE_PORT=${LMS_COMMAND_SIDE_PORT:-$PORTS}
export LMS_QUERY_SIDE_PORT=${LMS_QUERY_SIDE_PORT:-$((PORTS + 1))}
export LMS_ADMIN_USERNAME=
# a small aggregate cache lets the benchmark push the big forum out of it to measure a cold load
export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.aggregate-cache.max-entries=${LMS_BENCH_CACHE:-50}"
export LMS_JWT_TTL=PT2H
LMS_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
export LMS_JWT_SECRET
WORK=$(mktemp -d "${TMPDIR:-/tmp}/forum-benchmark.XXXXXX")
export LMS_DATA_DIR=$WORK/data
URI="mongodb://127.0.0.1:$LMS_EMBEDDED_MONGO_PORT"
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

java -Xmx"${MONGO_HEAP:-4g}" -jar "$MONGO_JAR" --host 127.0.0.1 --port "$LMS_EMBEDDED_MONGO_PORT" --memory \
    >"$WORK/mongo.log" 2>&1 &
MONGO_PID=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$LMS_EMBEDDED_MONGO_PORT") 2>/dev/null; do
    kill -0 "$MONGO_PID" 2>/dev/null || { cat "$WORK/mongo.log" >&2; exit 1; }
    sleep 0.3
done
echo "[forum-benchmark] $(git -C "$ROOT" rev-parse --short HEAD), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
quiet() { grep -v --line-buffered 'INFO org.mongodb.driver' || true; } # the driver's connection log lines
java -cp "$CP" io.lms.benchmark.ForumSetup seed --mongo "$URI" --posts "$POSTS" --students "$STUDENTS" \
    --out "$WORK/seeded.txt" 2>&1 | quiet

START=$(date +%s)
MONGODB_URI="$URI/lms" "$ROOT/run.sh" --no-build --no-tail >"$WORK/run.log" 2>&1 &
RUN_PID=$!
for port in "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
    until curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$RUN_PID" 2>/dev/null || { cat "$WORK/run.log" >&2; echo "run.sh stopped" >&2; exit 1; }
        sleep 1
    done
done
echo "[forum-benchmark] services up in $(($(date +%s) - START)) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" io.lms.benchmark.ForumSetup await --mongo "$URI" --timeout 240 2>&1 | quiet
echo "[forum-benchmark] load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" "$HERE/ForumBenchmark.java" --command "http://127.0.0.1:$LMS_COMMAND_SIDE_PORT" \
    --query "http://127.0.0.1:$LMS_QUERY_SIDE_PORT" --mongo "$URI" --seeded "$WORK/seeded.txt" \
    --secret "$LMS_JWT_SECRET" "${ARGS[@]}" 2>&1 | quiet
echo "[forum-benchmark] load after: $(cut -d' ' -f1-3 /proc/loadavg)"
