#!/usr/bin/env bash
# The catalog mirror at N published courses (default 100,000): how long until the query side is ready.
# Starts the embedded MongoDB (in memory), writes N course documents (SeedCourses.java), starts the query side from
# its extracted jar (with its AppCDS archive when there is one, as run.sh does), and prints
#   courses  ready_s (JVM launch to /actuator/health/readiness 200)  started_s (Spring's "Started ... in")
#   mirror_load_s (Spring started to "Catalog mirror loaded")  rss_mib (10 s after ready)  load
# Needs the jars built and extracted (one run.sh start does that). Run it under flock /tmp/bench.lock.
# Usage: benchmark/startup/catalog-mirror.sh [N]   ports: 18336 (query side), 27136 (MongoDB)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-100000}
qport=${LMS_BENCH_QUERY_PORT:-18336} mport=${LMS_BENCH_MONGO_PORT:-27136}
work=$(mktemp -d /tmp/lms-startup-mirror-XXXXXX)
app=$(ls "$root"/query-side/target/run/query-side-*.jar)
cds=""
[ -s "$root/query-side/target/run/app.jsa" ] && cds="-XX:SharedArchiveFile=$root/query-side/target/run/app.jsa -Xlog:cds=off"
cleanup() {
    for p in ${qpid:-} ${mpid:-}; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
java -jar "$(ls "$root"/embedded-mongo/target/embedded-mongo-*-exec.jar)" --host 127.0.0.1 --port "$mport" --memory \
    >"$work/mongo.log" 2>&1 &
mpid=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$mport") 2>/dev/null; do sleep 0.2; done
uri=mongodb://127.0.0.1:$mport/lms
java -cp "$root/query-side/target/run/lib/*" "$here/SeedCourses.java" "$uri" "$n" >&2
t0=$(date +%s.%N)
# shellcheck disable=SC2086
env PORT=$qport MONGODB_URI=$uri LMS_JWT_SECRET="$(head -c 32 /dev/urandom | base64)" java $cds -jar "$app" \
    >"$work/query.log" 2>&1 &
qpid=$!
until curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$qport/actuator/health/readiness" |
    grep -q 200; do
    kill -0 "$qpid" || { cat "$work/query.log" >&2; exit 1; }
    sleep 0.05
done
t1=$(date +%s.%N)
sleep 10
rss=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$qpid/status")
started=$(sed -n 's/.*Started QuerySideApplication in \([0-9.]*\) seconds.*/\1/p' "$work/query.log")
ts() { sed -n "s/^\([0-9T:.-]*\)Z .*$1.*/\1/p" "$work/query.log" | head -n 1; }
load_s=$(python3 -c "import datetime,sys; f=lambda s: datetime.datetime.fromisoformat(s); print(round((f(sys.argv[2]) - f(sys.argv[1])).total_seconds(), 2))" \
    "$(ts 'Started QuerySideApplication')" "$(ts 'Catalog mirror loaded')")
grep 'Catalog mirror loaded' "$work/query.log" >&2
awk -v n="$n" -v a="$t0" -v b="$t1" -v s="$started" -v l="$load_s" -v r="$rss" -v load="$(cut -d ' ' -f 1 /proc/loadavg)" \
    'BEGIN { printf "%d %.2f %s %s %s %s\n", n, b - a, s, l, r, load }'
