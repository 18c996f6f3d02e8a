#!/usr/bin/env bash
# One start of `run.sh --no-build --memory --no-tail` of a checkout, timed; then it is stopped again.
# Prints one line:  label total_s command_s query_s command_rss_mib query_rss_mib command_started_s query_started_s
#                   command_cpu_s query_cpu_s load
#   total_s         from launching run.sh until it printed "The system is up" (less the CDS training run, when
#                   this start made the archives: that is paid once per build)
#   command_s/query_s from run.sh's "starting the command side ..." line until the service's
#                   /actuator/health/readiness first answered 200 UP (polled every 50 ms, both started together)
#   *_rss_mib       resident memory of each service's JVM 10 s after the system is up (idle)
#   *_started_s     Spring Boot's own "Started ... in N seconds" (JVM start to context ready)
#   *_cpu_s         CPU seconds (user + system) the service's JVM had used when it became ready: less sensitive
#                   than wall time to other work on a shared machine
#   load            the 1-minute load average at the end
# Usage: time-run-sh.sh CHECKOUT LABEL [VAR=value ...]   (the variables are passed to run.sh, e.g. LMS_CDS=false)
# LMS_BENCH_REPORTS=DIR: each service also writes its start-up steps to DIR/LABEL.PID/ (StartupReport).
# Ports: LMS_BENCH_PORT_BASE (default 18330): command side = base, query side = base+1, embedded mongo 27130.
set -euo pipefail
checkout=$1 label=$2
shift 2
base=${LMS_BENCH_PORT_BASE:-18330}
cport=$base qport=$((base + 1)) mport=${LMS_BENCH_MONGO_PORT:-27130}
data=$(mktemp -d /tmp/lms-startup-bench-XXXXXX)
out=$data/run.out

now() { date +%s.%N; }
ready() { curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null | grep -q 200; }
pid_on() { ss -ltnpH "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / hz}' "/proc/$1/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

if [ -n "${LMS_BENCH_REPORTS:-}" ]; then # Spring's start-up steps of each service, for breakdown.py
    reports=$LMS_BENCH_REPORTS/$label.$$
    mkdir -p "$reports"
    export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.startup.report=$reports"
fi
t0=$(now)
env LMS_DATA_DIR="$data" LMS_COMMAND_SIDE_PORT=$cport LMS_QUERY_SIDE_PORT=$qport LMS_EMBEDDED_MONGO_PORT=$mport \
    LMS_JWT_SECRET=$(head -c 32 /dev/urandom | base64) "$@" \
    setsid "$checkout/run.sh" --no-build --memory --no-tail >"$out" 2>&1 &
runpid=$!
cleanup() { kill -TERM "$runpid" 2>/dev/null || true; wait "$runpid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

ts="" tc="" tq="" tup="" ttrain="" ccpu="" qcpu=""
deadline=$(($(date +%s) + ${LMS_BENCH_TIMEOUT:-1200}))
while [ -z "$tup" ] || [ -z "$tc" ] || [ -z "$tq" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "$label timeout" >&2; cat "$out" >&2; exit 1; }
    kill -0 "$runpid" 2>/dev/null || { echo "$label: run.sh ended" >&2; cat "$out" >&2; exit 1; }
    t=$(now)
    [ -n "$ttrain" ] || ! grep -q 'making the class data sharing' "$out" || ttrain=$t
    [ -n "$ts" ] || ! grep -q 'starting the command side' "$out" || ts=$t
    [ -n "$tup" ] || ! grep -q 'The system is up' "$out" || tup=$t
    if [ -n "$ts" ]; then
        [ -n "$tc" ] || ! ready $cport || { tc=$(now) ccpu=$(cpu_s "$(pid_on $cport)"); }
        [ -n "$tq" ] || ! ready $qport || { tq=$(now) qcpu=$(cpu_s "$(pid_on $qport)"); }
    fi
    sleep 0.05
done
sleep 10
crss=$(rss_mib "$(pid_on $cport)") qrss=$(rss_mib "$(pid_on $qport)")
cstarted=$(sed -n 's/.*Started CommandSideApplication in \([0-9.]*\) seconds.*/\1/p' "$data/logs/command-side.log")
qstarted=$(sed -n 's/.*Started QuerySideApplication in \([0-9.]*\) seconds.*/\1/p' "$data/logs/query-side.log")
awk -v l="$label" -v t0="$t0" -v ts="$ts" -v tc="$tc" -v tq="$tq" -v tu="$tup" -v cr="$crss" -v qr="$qrss" \
    -v cs="$cstarted" -v qs="$qstarted" -v cc="$ccpu" -v qc="$qcpu" -v load="$(cut -d ' ' -f 1 /proc/loadavg)" \
    -v tt="${ttrain:-$ts}" \
    'BEGIN { printf "%s %.2f %.2f %.2f %s %s %s %s %s %s %s\n", l, tu - t0 - (ts - tt), tc - ts, tq - ts, cr, qr, cs, qs, cc, qc, load }'
