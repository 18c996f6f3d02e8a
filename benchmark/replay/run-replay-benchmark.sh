#!/usr/bin/env bash
# The replay benchmark (issue 12): an embedded MongoDB in memory, seeded with N events in the event store's stored
# layout (a history every projection builds: users, courses with content and forums, enrollments with progress,
# quizzes, reviews, certificates, forum posts), then the query side alone, which builds every projection from the
# first event (the live catch-up); then replays while R clients read the catalog and single courses. Stops what it
# started. See docs/audit.md ("Figures: replay throughput").
#
#   benchmark/replay/run-replay-benchmark.sh [--events 200000] [--readers 8] [--replays courses,all]
# --replays: projection names, and "all" (every projection's replay started at once), run one after the other.
# Environment: QUERY_HEAP (query side -Xmx, default 1g), MONGO_HEAP (embedded server -Xmx, default 8g),
# QUERY_JAVA_OPTS and MONGO_JAVA_OPTS (e.g. a JFR recording: -XX:StartFlightRecording=filename=/tmp/q.jfr, written when
# the script stops the process), LMS_EMBEDDED_MONGO_PORT (18482), LMS_QUERY_SIDE_PORT (18481), LMS_QUERY_JAR (the
# query side's jar, default the newest query-side/target/*-exec.jar: to compare a copy of an older build), LMS_MONGO_JAR
# (the embedded server's, likewise). Each run
# has its own temporary directory; two runs at once need other ports. Needs the jars and the benchmark's classes:
#   ./mvnw -B -o -q -pl embedded-mongo,query-side,benchmark -am package -DskipTests
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EVENTS=200000
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS=$2; shift 2 ;;
        *) ARGS+=("$1" "$2"); shift 2 ;;
    esac
done
MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-18482}
QUERY_PORT=${LMS_QUERY_SIDE_PORT:-18481}
MONGO_JAR=${LMS_MONGO_JAR:-$(ls -t "$ROOT"/embedded-mongo/target/embedded-mongo-*-exec.jar | head -n 1)}
QUERY_JAR=${LMS_QUERY_JAR:-$(ls -t "$ROOT"/query-side/target/query-side-*-exec.jar | head -n 1)}
CP="$ROOT/benchmark/target/classes:$(cat "$ROOT/benchmark/target/classpath.txt")"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/replay-benchmark.XXXXXX")
SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
URI="mongodb://127.0.0.1:$MONGO_PORT"
MONGO_PID=""
QUERY_PID=""

# shellcheck source=../processes.sh
. "$ROOT/benchmark/processes.sh"
cleanup() { stop "$QUERY_PID"; stop "$MONGO_PID"; rm -rf "$WORK"; }
trap cleanup EXIT INT TERM

java -Xmx"${MONGO_HEAP:-8g}" ${MONGO_JAVA_OPTS:-} -jar "$MONGO_JAR" --host 127.0.0.1 --port "$MONGO_PORT" --memory >"$WORK/mongo.log" 2>&1 &
MONGO_PID=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; do
    kill -0 "$MONGO_PID" 2>/dev/null || { cat "$WORK/mongo.log" >&2; exit 1; }
    sleep 0.3
done
echo "[replay-benchmark] $(git -C "$ROOT" rev-parse --short HEAD), $(basename "$QUERY_JAR"), $(basename "$MONGO_JAR"), $EVENTS events, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" io.lms.benchmark.ReplayBenchmark seed --mongo "$URI" --events "$EVENTS"

STARTED_AT=$(date +%s%3N)
PORT=$QUERY_PORT MONGODB_URI="$URI/lms" LMS_JWT_SECRET=$SECRET \
    java -Xmx"${QUERY_HEAP:-1g}" ${QUERY_JAVA_OPTS:-} -jar "$QUERY_JAR" >"$WORK/query.log" 2>&1 &
QUERY_PID=$!
until curl -fsS --max-time 5 "http://127.0.0.1:$QUERY_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$QUERY_PID" 2>/dev/null || { tail -n 60 "$WORK/query.log" >&2; exit 1; }
    sleep 0.5
done
java -cp "$CP" io.lms.benchmark.ReplayBenchmark measure --query "http://127.0.0.1:$QUERY_PORT" --secret "$SECRET" \
    --started-at "$STARTED_AT" "${ARGS[@]}" || { grep -E "WARN|ERROR" "$WORK/query.log" | tail -n 30 >&2; exit 1; }
grep -E "Replay of .* done" "$WORK/query.log" | sed 's/^.*Replay of/[replay-benchmark] query side: replay of/' || true
echo "[replay-benchmark] load after: $(cut -d' ' -f1-3 /proc/loadavg)"
