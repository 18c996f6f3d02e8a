#!/usr/bin/env bash
# Start-up before/after, interleaved: ROUNDS rounds (default 5), each one start of `run.sh --no-build --memory` of
#   base   the reference checkout (BASE, a folder with run.sh and the modules' target/*-exec.jar)
#   cold   this checkout without the class data sharing archive (LMS_CDS=false)
#   cds    this checkout with the archive (made by an untimed start before the first round when missing or stale)
# in a rotating order, all under `flock /tmp/bench.lock`, one line per start into OUT (see time-run-sh.sh for the
# columns); then prints the medians (summary.sh).
# Usage: benchmark/startup/compare.sh BASE [ROUNDS] [OUT]
# On a busy machine raise run.sh's own limit, e.g. LMS_START_TIMEOUT=1500 (both run.sh take it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checkout=$(cd "$here/../.." && pwd)
base=$1 rounds=${2:-5} out=${3:-/tmp/lms-startup-compare.txt}
: >"$out"
exec 9>/tmp/bench.lock
flock 9
# one untimed start: extracts the jars and makes the archives if they are missing or older than the jars
"$here/time-run-sh.sh" "$checkout" prepare >/dev/null
variants=(base cold cds)
for ((r = 0; r < rounds; r++)); do
    for ((i = 0; i < 3; i++)); do
        v=${variants[$(((r + i) % 3))]}
        case $v in
            base) line=$("$here/time-run-sh.sh" "$base" base) || line="base failed" ;;
            cold) line=$("$here/time-run-sh.sh" "$checkout" cold LMS_CDS=false) || line="cold failed" ;;
            cds) line=$("$here/time-run-sh.sh" "$checkout" cds) || line="cds failed" ;;
        esac
        echo "$line" | tee -a "$out"
    done
done
"$here/summary.sh" "$out"
