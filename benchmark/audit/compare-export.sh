#!/usr/bin/env bash
# Checks that two builds of the query side write the same audit export: seeds N events (AuditSeed, the stored layout)
# into one embedded server in memory, runs each query-side jar on it in turn, saves its NDJSON export and a page of
# 1,000 events, and compares the bytes. Exits non-zero if they differ. Stops what it started. Not a timing.
#
#   benchmark/audit/compare-export.sh BEFORE_EXEC_JAR AFTER_EXEC_JAR [EVENTS, default 20000]
# Environment: LMS_EMBEDDED_MONGO_PORT (18382), LMS_QUERY_SIDE_PORT (18381), OUT (where the files go, default a new
# temporary directory). Needs python3 (to sign the token), the embedded server's jar and the benchmark's classes:
#   ./mvnw -B -o -q -pl embedded-mongo,benchmark -am package -DskipTests
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JARS=("$1" "$2")
EVENTS=${3:-20000}
MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-18382}
QUERY_PORT=${LMS_QUERY_SIDE_PORT:-18381}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/compare-export.XXXXXX")}
mkdir -p "$OUT"
CP="$ROOT/benchmark/target/classes:$(cat "$ROOT/benchmark/target/classpath.txt")"
SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
URI="mongodb://127.0.0.1:$MONGO_PORT"
MONGO_PID=""
QUERY_PID=""

# shellcheck source=../processes.sh
. "$ROOT/benchmark/processes.sh"
cleanup() { stop "$QUERY_PID"; stop "$MONGO_PID"; }
trap cleanup EXIT INT TERM

# an HS256 access token of an auditor, as AuditBenchmark mints it
token() {
    python3 - "$SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b64 = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b'=').decode()
now = int(time.time())
header = b64(b'{"alg":"HS256","typ":"JWT"}')
claims = b64(json.dumps({"sub": "%024x" % 1, "role": "auditor", "username": "check-auditor", "iss": "lms",
                         "iat": now, "exp": now + 7200}, separators=(',', ':')).encode())
signature = hmac.new(base64.b64decode(sys.argv[1]), (header + '.' + claims).encode(), hashlib.sha256).digest()
print(header + '.' + claims + '.' + b64(signature))
PY
}

java -Xmx2g -jar "$(ls -t "$ROOT"/embedded-mongo/target/embedded-mongo-*-exec.jar | head -n 1)" \
    --host 127.0.0.1 --port "$MONGO_PORT" --memory >"$OUT/mongo.log" 2>&1 &
MONGO_PID=$!
until (exec 3<>"/dev/tcp/127.0.0.1/$MONGO_PORT") 2>/dev/null; do
    kill -0 "$MONGO_PID" 2>/dev/null || { cat "$OUT/mongo.log" >&2; exit 1; }
    sleep 0.3
done
java -cp "$CP" io.lms.benchmark.AuditBenchmark seed --mongo "$URI" --events "$EVENTS"
TOKEN=$(token)

for i in 0 1; do
    PORT=$QUERY_PORT MONGODB_URI="$URI/lms" LMS_JWT_SECRET=$SECRET java -Xmx256m -jar "${JARS[$i]}" >"$OUT/query$i.log" 2>&1 &
    QUERY_PID=$!
    until curl -fsS --max-time 5 "http://127.0.0.1:$QUERY_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"'; do
        kill -0 "$QUERY_PID" 2>/dev/null || { tail -n 60 "$OUT/query$i.log" >&2; exit 1; }
        sleep 0.5
    done
    curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$QUERY_PORT/api/audit/events/export" >"$OUT/export$i.ndjson"
    curl -fsS -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$QUERY_PORT/api/audit/events?limit=1000&after=77" \
        >"$OUT/page$i.json"
    stop "$QUERY_PID"
    QUERY_PID=""
    echo "[compare-export] ${JARS[$i]}: export $(wc -l <"$OUT/export$i.ndjson") lines, $(wc -c <"$OUT/export$i.ndjson") bytes"
done
cmp "$OUT/export0.ndjson" "$OUT/export1.ndjson"
cmp "$OUT/page0.json" "$OUT/page1.json"
echo "[compare-export] the same bytes (export and page; files in $OUT)"
