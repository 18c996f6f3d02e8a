#!/usr/bin/env bash
# Start-up of several variants, interleaved: ROUNDS rounds, each one timed start of `run.sh --no-build --memory` per
# variant, in a rotating order; one line per start into OUT (see time-run-sh.sh for the columns), then the medians
# (summary.sh). Takes no lock itself: run it under the benchmark lock.
# A variant is LABEL=CHECKOUT[,VAR=value...]: a folder with run.sh and the modules' target/*-exec.jar, and variables
# for run.sh, e.g.
#   base-cold=/tmp/base,LMS_CDS=false  base=/tmp/base  cold=.,LMS_CDS=false  cds=.  aot=/tmp/new25,LMS_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64
# A variant that uses an archive and has none yet gets one untimed start first (it makes the archive).
# Usage: benchmark/startup/compare.sh ROUNDS OUT VARIANT...
# On a busy machine raise run.sh's own limit, e.g. LMS_START_TIMEOUT=1500.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rounds=$1 out=$2
shift 2
variants=("$@")
touch "$out"

run() { # variant [label]: one start of it, its line on stdout
    local label=${1%%=*} spec=${1#*=} checkout vars
    IFS=, read -r -a vars <<<"$spec"
    checkout=${vars[0]}
    "$here/time-run-sh.sh" "$checkout" "${2:-$label}" "${vars[@]:1}" || echo "$label failed"
}

has_archive() { [ -s "$1/target/run/app.jsa" ] || [ -s "$1/target/run/app.aot" ]; }
archives_made() { # checkout: both services have their archive, and so has the embedded server if run.sh makes one
    has_archive "$1"/command-side && has_archive "$1"/query-side &&
        { [ ! -d "$1"/embedded-mongo/target/run ] || has_archive "$1"/embedded-mongo; }
}

for v in "${variants[@]}"; do
    checkout=${v#*=}
    checkout=${checkout%%,*}
    case $v in *LMS_CDS=false*) continue ;; esac
    if ! archives_made "$checkout"; then
        run "$v" prepare >/dev/null
    fi
done
n=${#variants[@]}
for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < n; i++)); do
        run "${variants[$(((r + i) % n))]}" | tee -a "$out"
    done
done
"$here/summary.sh" "$out"
