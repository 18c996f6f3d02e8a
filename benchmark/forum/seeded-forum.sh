# Sourced by the forum scripts (run-forum-benchmark.sh, profile-posts.sh, compare-posts.sh): what they share. Set
# ROOT, PORTS, POSTS and STUDENTS first, then call `start_seeded_forum NAME`: it exports the services' settings (the
# command side on PORTS, the query side on PORTS+1, the embedded server on PORTS+2, unless LMS_COMMAND_SIDE_PORT,
# LMS_QUERY_SIDE_PORT or LMS_EMBEDDED_MONGO_PORT are set; no bootstrap admin; a JWT secret of its own and 2-hour
# tokens; an aggregate cache of LMS_BENCH_CACHE (50) entries, so that a cold load can be forced), makes WORK (a new
# temporary folder, removed at exit), starts the embedded server in memory (-Xmx MONGO_HEAP, 4g) and seeds it with
# io.lms.benchmark.ForumSeed (the forum, its course and students: $WORK/seeded.txt). Then `start_services FOLDER
# LABEL` starts FOLDER's run.sh on it and waits until both services answer UP, and `await_projections` until every
# projection has passed the last stored event. Everything started is stopped at exit.

MONGO_PID=""
RUN_PID=""

# shellcheck source=../processes.sh
. "$ROOT/benchmark/processes.sh"

quiet() { grep -v --line-buffered 'INFO org.mongodb.driver' || true; } # the driver's connection log lines

start_seeded_forum() { # name
    export LMS_COMMAND_SIDE_PORT=${LMS_COMMAND_SIDE_PORT:-$PORTS}
    export LMS_QUERY_SIDE_PORT=${LMS_QUERY_SIDE_PORT:-$((PORTS + 1))}
    export LMS_EMBEDDED_MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-$((PORTS + 2))}
    export LMS_ADMIN_USERNAME= LMS_JWT_TTL=PT2H
    export JAVA_OPTS="${JAVA_OPTS:-} -Dlms.aggregate-cache.max-entries=${LMS_BENCH_CACHE:-50}"
    LMS_JWT_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
    export LMS_JWT_SECRET
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    URI="mongodb://127.0.0.1:$LMS_EMBEDDED_MONGO_PORT"
    COMMAND="http://127.0.0.1:$LMS_COMMAND_SIDE_PORT"
    QUERY="http://127.0.0.1:$LMS_QUERY_SIDE_PORT"
    CP="$ROOT/benchmark/target/classes:$(cat "$ROOT/benchmark/target/classpath.txt")"
    trap 'stop "$RUN_PID"; stop "$MONGO_PID"; rm -rf "$WORK"' EXIT INT TERM
    local jar
    jar=$(ls -t "$ROOT"/embedded-mongo/target/embedded-mongo-*-exec.jar | head -n 1)
    java -Xmx"${MONGO_HEAP:-4g}" -jar "$jar" --host 127.0.0.1 --port "$LMS_EMBEDDED_MONGO_PORT" --memory \
        >"$WORK/mongo.log" 2>&1 &
    MONGO_PID=$!
    until (exec 3<>"/dev/tcp/127.0.0.1/$LMS_EMBEDDED_MONGO_PORT") 2>/dev/null; do
        kill -0 "$MONGO_PID" 2>/dev/null || { cat "$WORK/mongo.log" >&2; exit 1; }
        sleep 0.3
    done
    java -cp "$CP" io.lms.benchmark.ForumSetup seed --mongo "$URI" --posts "$POSTS" --students "$STUDENTS" \
        --out "$WORK/seeded.txt" 2>&1 | quiet
}

start_services() { # folder label
    LMS_DATA_DIR=$WORK/data-$2 MONGODB_URI="$URI/lms" "$1/run.sh" --no-build --no-tail >"$WORK/run-$2.log" 2>&1 &
    RUN_PID=$!
    for port in "$LMS_COMMAND_SIDE_PORT" "$LMS_QUERY_SIDE_PORT"; do
        until curl -fsS --max-time 5 "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; do
            kill -0 "$RUN_PID" 2>/dev/null || { cat "$WORK/run-$2.log" >&2; echo "run.sh stopped" >&2; exit 1; }
            sleep 1
        done
    done
}

await_projections() { # timeout seconds
    java -cp "$CP" io.lms.benchmark.ForumSetup await --mongo "$URI" --timeout "$1" 2>&1 | quiet
}
