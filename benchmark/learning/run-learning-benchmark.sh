#!/usr/bin/env bash
# The learning benchmark (issue 10): starts the whole system in memory on its own ports, runs
# benchmark/learning/LearningBenchmark.java against it (progress commands at 1/16/32 clients, read-model lag,
# GET /api/enrollments/{id} at 50 clients) and stops what it started. Arguments go to LearningBenchmark.
# See docs/learning.md ("Benchmark").
set -euo pipefail
# throughput is measured with the JIT a long-running service has (run.sh starts with C1 alone unless told)
export LMS_JIT=${LMS_JIT:-full}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN_OPTS=(--memory --no-tail)
if [ "${1:-}" = "--no-build" ]; then RUN_OPTS+=(--no-build); shift; fi

export LMS_EMBEDDED_MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-18282}
export LMS_COMMAND_SIDE_PORT=${LMS_COMMAND_SIDE_PORT:-18280}
export LMS_QUERY_SIDE_PORT=${LMS_QUERY_SIDE_PORT:-18281}
export LMS_ADMIN_USERNAME=
# set-up signs up a thousand students: a cheap bcrypt cost and long tokens keep it short (not what is measured)
export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.auth.bcrypt-strength=4 -Dlms.auth.throttle.max-failures-per-client=100000"
export LMS_JWT_TTL=PT2H
WORK=$(mktemp -d "${TMPDIR:-/tmp}/learning-benchmark.XXXXXX")
export LMS_DATA_DIR=$WORK/data
RUN_PID=""

cleanup() {
    if [ -n "$RUN_PID" ] && kill -0 "$RUN_PID" 2>/dev/null; then
        kill -TERM "$RUN_PID" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$RUN_PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT INT TERM

"$ROOT/run.sh" "${RUN_OPTS[@]}" >"$WORK/run.log" 2>&1 &
RUN_PID=$!
for port in "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
    until curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
        kill -0 "$RUN_PID" 2>/dev/null || { cat "$WORK/run.log" >&2; echo "run.sh stopped" >&2; exit 1; }
        sleep 1
    done
done
echo "[learning-benchmark] system up ($(git -C "$ROOT" rev-parse --short HEAD)), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$HERE/LearningBenchmark.java" --command "http://127.0.0.1:$LMS_COMMAND_SIDE_PORT" \
    --query "http://127.0.0.1:$LMS_QUERY_SIDE_PORT" "$@"
echo "[learning-benchmark] load after: $(cut -d' ' -f1-3 /proc/loadavg)"
