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
STUDENTS=10000
# shellcheck source=seeded-forum.sh
. "$HERE/seeded-forum.sh"
start_seeded_forum forum-compare
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
        await_projections 600
        load 1 3 >/dev/null # the forum's load (after the first build's: from its snapshot)
        load "$CLIENTS" 10 >/dev/null # warm-up
        echo "round $round, $label: $(load "$CLIENTS" "$SECONDS_EACH"); load $(cut -d' ' -f1-3 /proc/loadavg)"
        stop "$RUN_PID"
        RUN_PID=""
    done
done
