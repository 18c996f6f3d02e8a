#!/usr/bin/env bash
# Medians per variant of the lines written by compare.sh / time-run-sh.sh, and each variant's ratio to "base".
# Usage: benchmark/startup/summary.sh RESULTS
set -euo pipefail
python3 - "$1" <<'PY'
import statistics, sys
cols = ["total_s", "command_s", "query_s", "command_rss_mib", "query_rss_mib", "command_started_s",
        "query_started_s", "command_cpu_s", "query_cpu_s", "load"]
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == len(cols) + 1:
        rows.setdefault(parts[0], []).append([float(x) for x in parts[1:]])
med = {v: [statistics.median(r[i] for r in rs) for i in range(len(cols))] for v, rs in rows.items()}
print("variant runs " + " ".join(cols))
for v, m in med.items():
    print(v, len(rows[v]), " ".join(f"{x:.2f}" for x in m))
if "base" in med:
    for v, m in med.items():
        if v != "base":
            print(f"{v}/base", " ".join(f"{x / b:.2f}" if b else "-" for x, b in zip(m, med["base"])))
PY
