#!/usr/bin/env bash
# The forum benchmark (issue 11): starts the whole system in memory on its own ports, runs
# benchmark/forum/ForumBenchmark.java against it (post and reply latency on a small and a big forum, cold load of
# the big one, a page of posts at 50 clients, a course_update fan-out) and stops what it started. Arguments go to
# ForumBenchmark (--evict N must match the aggregate cache size set here, LMS_BENCH_CACHE, default 50).
# See docs/forums.md ("Benchmark").
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RUN_OPTS=(--memory --no-tail)
if [ "${1:-}" = "--no-build" ]; then RUN_OPTS+=(--no-build); shift; fi

export LMS_EMBEDDED_MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-18582}
export LMS_COMMAND_SIDE_PORT=${LMS_COMMAND_SIDE_PORT:-18580}
export LMS_QUERY_SIDE_PORT=${LMS_QUERY_SIDE_PORT:-18581}
export LMS_ADMIN_USERNAME=
# set-up signs up thousands of students: a cheap bcrypt cost and long tokens keep it short (not what is measured);
# a small aggregate cache lets the benchmark push the big forum out of it to measure a cold load
export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.auth.bcrypt-strength=4 -Dlms.auth.throttle.max-failures-per-client=100000 \
-Dlms.aggregate-cache.max-entries=${LMS_BENCH_CACHE:-50}"
export LMS_JWT_TTL=PT2H
WORK=$(mktemp -d "${TMPDIR:-/tmp}/forum-benchmark.XXXXXX")
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
echo "[forum-benchmark] system up ($(git -C "$ROOT" rev-parse --short HEAD)), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$HERE/ForumBenchmark.java" --command "http://127.0.0.1:$LMS_COMMAND_SIDE_PORT" \
    --query "http://127.0.0.1:$LMS_QUERY_SIDE_PORT" "$@"
echo "[forum-benchmark] load after: $(cut -d' ' -f1-3 /proc/loadavg)"
