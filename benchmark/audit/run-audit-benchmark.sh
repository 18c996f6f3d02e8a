#!/usr/bin/env bash
# The audit benchmark (issue 12): an embedded MongoDB in memory, seeded with N events in the event store's stored
# layout (every projection's token at the head), then the query side on it, alone; measures the NDJSON export
# against a raw driver read of the same documents (interleaved), the query side's heap while it streams, and
# filtered audit pages. Stops what it started. See docs/audit.md ("Benchmark").
#
#   benchmark/audit/run-audit-benchmark.sh [--events 1000000] [--rounds 3] [--pages 30]
# Environment: QUERY_HEAP (query side -Xmx, default 256m), MONGO_HEAP (embedded server -Xmx, default 12g: its memory backend holds a million events in about that),
# LMS_EMBEDDED_MONGO_PORT (18382), LMS_QUERY_SIDE_PORT (18381), LMS_QUERY_JAR (the query side's exec jar, default the
# newest in query-side/target), LMS_MONGO_JAR (the embedded server's exec jar, default the newest in
# embedded-mongo/target). Needs the jars and the benchmark's classes:
#   ./mvnw -B -o -q -pl embedded-mongo,query-side,benchmark -am package -DskipTests
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
EVENTS=1000000
ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --events) EVENTS=$2; shift 2 ;;
        *) ARGS+=("$1" "$2"); shift 2 ;;
    esac
done
MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-18382}
QUERY_PORT=${LMS_QUERY_SIDE_PORT:-18381}
MONGO_JAR=${LMS_MONGO_JAR:-$(ls -t "$ROOT"/embedded-mongo/target/embedded-mongo-*-exec.jar | head -n 1)}
QUERY_JAR=${LMS_QUERY_JAR:-$(ls -t "$ROOT"/query-side/target/query-side-*-exec.jar | head -n 1)}
CP="$ROOT/benchmark/target/classes:$(cat "$ROOT/benchmark/target/classpath.txt")"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/audit-benchmark.XXXXXX")
SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
URI="mongodb://127.0.0.1:$MONGO_PORT"
MONGO_PID=""
QUERY_PID=""

# shellcheck source=../processes.sh
. "$ROOT/benchmark/processes.sh"
cleanup() { stop "$QUERY_PID"; stop "$MONGO_PID"; }
trap cleanup EXIT INT TERM

java -Xmx"${MONGO_HEAP:-12g}" -jar "$MONGO_JAR" --host 127.0.0.1 --port "$MONGO_PORT" --memory >"$WORK/mongo.log" 2>&1 &
MONGO_PID=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; do
    kill -0 "$MONGO_PID" 2>/dev/null || { cat "$WORK/mongo.log" >&2; exit 1; }
    sleep 0.3
done
echo "[audit-benchmark] $(git -C "$ROOT" rev-parse --short HEAD), $EVENTS events, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" io.lms.benchmark.AuditBenchmark seed --mongo "$URI" --events "$EVENTS"

START=$(date +%s.%N)
PORT=$QUERY_PORT MONGODB_URI="$URI/lms" LMS_JWT_SECRET=$SECRET \
    java -Xmx"${QUERY_HEAP:-256m}" -jar "$QUERY_JAR" >"$WORK/query.log" 2>&1 &
QUERY_PID=$!
until curl -fsS --max-time 5 "http://127.0.0.1:$QUERY_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
    kill -0 "$QUERY_PID" 2>/dev/null || { tail -n 60 "$WORK/query.log" >&2; exit 1; }
    sleep 0.5
done
echo "[audit-benchmark] query side ready in $(echo "$(date +%s.%N) - $START" | bc | cut -c1-5) s (-Xmx${QUERY_HEAP:-256m}; its start ensures the audit indexes over the history)"
java -cp "$CP" io.lms.benchmark.AuditBenchmark measure --mongo "$URI" --query "http://127.0.0.1:$QUERY_PORT" --query-pid "$QUERY_PID" \
    --secret "$SECRET" --events "$EVENTS" "${ARGS[@]}"
echo "[audit-benchmark] embedded server RSS $(( $(awk '/VmRSS/ {print $2}' /proc/$MONGO_PID/status) / 1024 )) MiB; load after: $(cut -d' ' -f1-3 /proc/loadavg)"
