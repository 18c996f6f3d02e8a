#!/usr/bin/env bash
# Where a post's time goes (issue 11; docs/forums.md, "Benchmark"): the forum benchmark's set-up (an embedded MongoDB
# in memory, io.lms.benchmark.ForumSeed, run.sh), then posts and replies on the seeded forum
# (benchmark/forum/PostLoad.java) at 1 and at 16 clients, twice, each phase with a JFR recording (settings=profile)
# of the command side and of the embedded server, and the CPU seconds each process used in it. Stops what it started.
#
#   benchmark/forum/profile-posts.sh [--posts 100000] [--seconds 20] [--ports BASE] [--out DIR]
# Ports: the command side on BASE, the query side on BASE+1, the embedded server on BASE+2 (default 18590).
# The recordings go to DIR (default target/forum-profile): command-c<clients>-<n>.jfr, mongo-c<clients>-<n>.jfr.
# Run the benchmark build first (run-forum-benchmark.sh without --no-build, or its mvnw line).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
POSTS=100000
SECONDS_EACH=20
PORTS=18590
OUT=$ROOT/target/forum-profile
while [ $# -gt 0 ]; do
    case "$1" in
        --posts) POSTS=$2 ;;
        --seconds) SECONDS_EACH=$2 ;;
        --ports) PORTS=$2 ;;
        --out) OUT=$2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
mkdir -p "$OUT"
export LMS_JIT=full LMS_CDS=false
STUDENTS=10000
# shellcheck source=seeded-forum.sh
. "$HERE/seeded-forum.sh"
start_seeded_forum forum-profile
start_services "$ROOT" system
await_projections 300

pid_of() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
CMD_PID=$(pid_of "$LMS_COMMAND_SIDE_PORT")
QRY_PID=$(pid_of "$LMS_QUERY_SIDE_PORT")
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system CPU, in clock ticks
HZ=$(getconf CLK_TCK)
load() { java "$HERE/PostLoad.java" "$LMS_JWT_SECRET" "$COMMAND" "$WORK/seeded.txt" "$1" "$2"; }
load 1 3 >/dev/null # the forum's first load (its whole history, one snapshot asked for)
load 16 15 >/dev/null # warm-up
n=0
for clients in 1 16 1 16; do
    n=$((n + 1))
    name=c$clients-$n
    jcmd "$CMD_PID" JFR.start name="$name" settings=profile >/dev/null
    jcmd "$MONGO_PID" JFR.start name="$name" settings=profile >/dev/null
    before=("$(ticks "$MONGO_PID")" "$(ticks "$CMD_PID")" "$(ticks "$QRY_PID")")
    line=$(load "$clients" "$SECONDS_EACH")
    after=("$(ticks "$MONGO_PID")" "$(ticks "$CMD_PID")" "$(ticks "$QRY_PID")")
    jcmd "$CMD_PID" JFR.dump name="$name" filename="$OUT/command-$name.jfr" >/dev/null
    jcmd "$CMD_PID" JFR.stop name="$name" >/dev/null
    jcmd "$MONGO_PID" JFR.dump name="$name" filename="$OUT/mongo-$name.jfr" >/dev/null
    jcmd "$MONGO_PID" JFR.stop name="$name" >/dev/null
    posts=$(sed 's/.*| \([0-9]*\) posts |.*/\1/' <<<"$line")
    printf '%s\n' "$line"
    awk -v hz="$HZ" -v p="$posts" -v m=$((after[0] - before[0])) -v c=$((after[1] - before[1])) \
        -v q=$((after[2] - before[2])) 'BEGIN { printf "  CPU ms per post: embedded server %.2f, command side %.2f, query side %.2f\n",
        1000 * m / hz / p, 1000 * c / hz / p, 1000 * q / hz / p }'
    echo "  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    sleep 5
done
