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

# shellcheck source=seeded-forum.sh
. "$HERE/seeded-forum.sh"
echo "[forum-benchmark] $(git -C "$ROOT" rev-parse --short HEAD), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start_seeded_forum forum-benchmark
START=$(date +%s)
start_services "$ROOT" system
echo "[forum-benchmark] services up in $(($(date +%s) - START)) s; load: $(cut -d' ' -f1-3 /proc/loadavg)"
await_projections 240
echo "[forum-benchmark] load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$CP" "$HERE/ForumBenchmark.java" --command "$COMMAND" --query "$QUERY" --mongo "$URI" \
    --seeded "$WORK/seeded.txt" --secret "$LMS_JWT_SECRET" "${ARGS[@]}" 2>&1 | quiet
echo "[forum-benchmark] load after: $(cut -d' ' -f1-3 /proc/loadavg)"
