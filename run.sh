#!/usr/bin/env bash
# Starts the whole system on this machine with one command: the embedded MongoDB server (unless MONGODB_URI
# points at a real one), the command side and the query side. Needs only a JDK 17+; builds the jars with the
# Maven wrapper when they are missing or older than the sources. Ctrl-C stops everything.
# See docs/operations.md for the options and environment variables.
set -euo pipefail

usage() {
    cat <<'EOF'
Usage: ./run.sh [--memory] [--no-build] [--no-tail]

  --memory     run the embedded MongoDB server in memory: nothing is kept after the stop
  --no-build   use the jars as they are, even if the sources are newer
  --no-tail    do not show the service logs on this terminal once the system is up

Environment (all optional):
  MONGODB_URI               use this MongoDB instead of starting the embedded server
  LMS_DATA_DIR              data, secrets and logs (default: the data folder beside run.sh)
  LMS_EMBEDDED_MONGO_PORT   port of the embedded server (default 27017)
  LMS_EMBEDDED_DURABILITY   when the embedded server answers a write: commit (default; once it is in the data
                            file), fsync (also forced to the disk) or none (at once, written within a second)
  LMS_COMMAND_SIDE_PORT     port of the command side (default 8080)
  LMS_QUERY_SIDE_PORT       port of the query side (default 8081)
  LMS_JWT_SECRET            token signing key (default: generated once into $LMS_DATA_DIR/jwt-secret)
  LMS_ADMIN_USERNAME, LMS_ADMIN_EMAIL, LMS_ADMIN_PASSWORD
                            bootstrap admin (default: admin, admin@localhost and a password generated once
                            into $LMS_DATA_DIR/admin-password; set LMS_ADMIN_USERNAME= to create none)
  LMS_START_TIMEOUT         seconds to wait for the services to be ready (default 300)
  LMS_CDS                   false: start the embedded server and the services without their class data sharing
                            archives (default true: made by a training run after each build, see
                            docs/operations.md, "Start-up")
  LMS_SPRING_AOT            false: the services build their Spring context as the tests do, from the configuration
                            classes and conditions at run time (default true: from the code Spring AOT generated
                            when the jars were built, see docs/operations.md, "Start-up")
  LMS_JIT                   quick (default): only the JVM's first compiler (C1) in the embedded server and the
                            services, which halves the CPU a start costs; full: the JVM's default tiered
                            compilation, for long runs at peak throughput
  LMS_JAVA                  the java (executable or JDK folder) that runs the services (default: JAVA_HOME's,
                            else java on the PATH); on Java 24+ run.sh uses an AOT cache instead of AppCDS
  LMS_STOP_TIMEOUT          seconds to wait for each process to stop before killing it (default 60)
  JAVA_OPTS                 extra JVM options for both services
EOF
}

CALLER_DIR=$PWD
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

memory=false
build=true
tail_logs=true
while [ $# -gt 0 ]; do
    case $1 in
        --memory) memory=true ;;
        --no-build) build=false ;;
        --no-tail) tail_logs=false ;;
        -h | --help) usage; exit 0 ;;
        *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

# Output may go to a pipe that ends first (./run.sh | tee log, then Ctrl-C): writing must not kill the script
# before it has stopped its processes.
trap '' PIPE
say() { printf 'run.sh: %s\n' "$*" 2>/dev/null || true; }
die() {
    printf 'run.sh: error: %s\n' "$*" >&2 || true
    exit 1
}

MONGO_PORT=${LMS_EMBEDDED_MONGO_PORT:-27017}
COMMAND_PORT=${LMS_COMMAND_SIDE_PORT:-8080}
QUERY_PORT=${LMS_QUERY_SIDE_PORT:-8081}
START_TIMEOUT=${LMS_START_TIMEOUT:-300}
CDS=${LMS_CDS:-true}
case ${LMS_JIT:-quick} in
    quick) JIT_OPTS=-XX:TieredStopAtLevel=1 ;;
    full) JIT_OPTS="" ;;
    *) die "LMS_JIT must be quick or full, not '$LMS_JIT'" ;;
esac
case ${LMS_SPRING_AOT:-true} in
    true) AOT_OPTS=-Dspring.aot.enabled=true ;;
    false) AOT_OPTS="" ;;
    *) die "LMS_SPRING_AOT must be true or false, not '$LMS_SPRING_AOT'" ;;
esac
STOP_TIMEOUT=${LMS_STOP_TIMEOUT:-60}
DATABASE=${LMS_MONGODB_DATABASE:-lms}

if [ -n "${MONGODB_URI:-}" ] && $memory; then
    die "--memory starts the embedded server, but MONGODB_URI is set: unset one of them"
fi

DATA_DIR=${LMS_DATA_DIR:-$ROOT/data}
case $DATA_DIR in
    /*) ;;
    *) DATA_DIR=$CALLER_DIR/$DATA_DIR ;; # relative to where run.sh was started from
esac
mkdir -p "$DATA_DIR"
DATA_DIR=$(cd "$DATA_DIR" && pwd)
LOG_DIR=$DATA_DIR/logs
mkdir -p "$LOG_DIR"

# ---------------------------------------------------------------------------------------------------- java

if [ -n "${LMS_JAVA:-}" ]; then
    JAVA=$LMS_JAVA
    if [ -d "$JAVA" ]; then JAVA=$JAVA/bin/java; fi
    [ -x "$JAVA" ] || die "LMS_JAVA=$LMS_JAVA is not a java executable nor a JDK folder"
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA=$JAVA_HOME/bin/java
elif command -v java >/dev/null 2>&1; then
    JAVA=java
else
    die "no java found: install a JDK 17 or newer (or set JAVA_HOME)"
fi
java_version=$("$JAVA" -version 2>&1) || true # one launch: the version check and the archives' stamp
java_major=$(printf '%s\n' "$java_version" | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
    die "$JAVA is Java ${java_major:-of an unknown version}; this project needs 17 or newer (set JAVA_HOME or LMS_JAVA)"
fi

# ---------------------------------------------------------------------------------------------------- build

MODULES="embedded-mongo command-side query-side"

jar_of() { # the newest runnable jar of a module, or nothing
    local jar
    # shellcheck disable=SC2012 # module folders and jar names are plain
    jar=$(ls -t "$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n 1) || true
    printf '%s' "$jar"
}

needs_build() { # prints why, and succeeds, when a jar is missing or older than anything it is built from
    local module jar stale
    for module in $MODULES; do
        jar=$(jar_of "$module")
        if [ -z "$jar" ]; then
            echo "no $module jar yet"
            return 0
        fi
        stale=$(find pom.xml .mvn shared-api event-store embedded-mongo platform command-side query-side \
            \( -name target -o -path '*/src/test' \) -prune -o -type f -newer "$jar" -print -quit 2>/dev/null)
        if [ -n "$stale" ]; then
            echo "$stale changed since the last build"
            return 0
        fi
    done
    return 1
}

if $build; then
    if reason=$(needs_build); then
        say "building the jars ($reason); the first build downloads Maven and the dependencies"
        # neither the tests (not even their compilation) nor the format check are needed to run the code
        ./mvnw -B -q -Dmaven.test.skip=true -Dspotless.check.skip=true package \
            -pl embedded-mongo,command-side,query-side -am ||
            die "the build failed (see above); fix it, or run with --no-build to use the jars there are"
        # a module whose output did not change keeps its old jar: mark them all as built from these sources
        for module in $MODULES; do touch "$(jar_of "$module")"; done
    fi
fi
for module in $MODULES; do
    [ -n "$(jar_of "$module")" ] || die "no $module/target/$module-*-exec.jar: run without --no-build"
done
MONGO_JAR=$(jar_of embedded-mongo)
COMMAND_JAR=$(jar_of command-side)
QUERY_JAR=$(jar_of query-side)

# ---------------------------------------------------------------------------------------------------- checks

listening() { # host port: succeeds when something accepts TCP connections there
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

PID_FILE=$DATA_DIR/run.pid
if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
    die "run.sh is already running with $DATA_DIR (pid $(cat "$PID_FILE")); stop it first"
fi

if [ -z "${MONGODB_URI:-}" ] && listening 127.0.0.1 "$MONGO_PORT"; then
    die "port $MONGO_PORT is taken, so the embedded MongoDB server cannot start there. Stop what uses it, choose \
another port with LMS_EMBEDDED_MONGO_PORT=..., or use that server with MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT/lms"
fi
listening 127.0.0.1 "$COMMAND_PORT" && die "port $COMMAND_PORT is taken: stop what uses it or set LMS_COMMAND_SIDE_PORT"
listening 127.0.0.1 "$QUERY_PORT" && die "port $QUERY_PORT is taken: stop what uses it or set LMS_QUERY_SIDE_PORT"

# ---------------------------------------------------------------------------------------------------- secrets

random_base64() { # n random bytes, base64 on one line
    head -c "$1" /dev/urandom | base64 | tr -d '\n'
}

write_private() { # file content: a new file only its owner can read
    (umask 077 && printf '%s\n' "$2" >"$1")
    chmod 600 "$1"
}

if [ -z "${LMS_JWT_SECRET:-}" ]; then
    if [ ! -s "$DATA_DIR/jwt-secret" ]; then
        write_private "$DATA_DIR/jwt-secret" "$(random_base64 32)"
        say "created a JWT signing key in $DATA_DIR/jwt-secret"
    fi
    chmod 600 "$DATA_DIR/jwt-secret"
    LMS_JWT_SECRET=$(tr -d ' \r\n' <"$DATA_DIR/jwt-secret")
fi

admin_note=""
if [ -z "${LMS_ADMIN_USERNAME+set}" ]; then
    LMS_ADMIN_USERNAME="admin"
    LMS_ADMIN_EMAIL=admin@localhost
    if [ ! -s "$DATA_DIR/admin-password" ]; then
        write_private "$DATA_DIR/admin-password" "$(random_base64 18 | tr '+/' '-_')"
        if [ -z "${MONGODB_URI:-}" ] && ! $memory && [ -e "$DATA_DIR/mongo/mongo.mv.db" ]; then
            admin_note=" (new password file, but the database is older: if 'admin' exists already, its password is the old one)"
        fi
    fi
    LMS_ADMIN_PASSWORD=$(tr -d '\r\n' <"$DATA_DIR/admin-password")
    admin_note="admin / $LMS_ADMIN_PASSWORD (kept in $DATA_DIR/admin-password)$admin_note"
elif [ -n "$LMS_ADMIN_USERNAME" ]; then
    admin_note="$LMS_ADMIN_USERNAME (from LMS_ADMIN_USERNAME)"
else
    admin_note="none (LMS_ADMIN_USERNAME is empty)"
fi

# ---------------------------------------------------------------------------------------------------- processes

MONGO_PID=""
MONGO_RECORDING=false
COMMAND_PID=""
QUERY_PID=""
TAIL_PID=""
TRAINING_PIDS=""
stopping=false

start() { # name command...: runs it in the background, output into $LOG_DIR/name.log (the last run's is .log.1)
    local name=$1 log=$LOG_DIR/$1.log
    shift
    if [ -f "$log" ]; then mv -f "$log" "$log.1"; fi
    "$@" >"$log" 2>&1 &
    LAST_PID=$!
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }

show_log() { # name
    {
        echo "----- last lines of $LOG_DIR/$1.log -----"
        tail -n 40 "$LOG_DIR/$1.log"
        echo "-----"
    } >&2 || true
}

await_exit() { # name pid: SIGTERM was sent; waits, and kills it if it takes longer than STOP_TIMEOUT
    local name=$1 pid=$2 waited=0
    while alive "$pid"; do
        if [ "$waited" -ge $((STOP_TIMEOUT * 5)) ]; then
            say "$name did not stop within ${STOP_TIMEOUT}s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    wait "$pid" 2>/dev/null || true
}

stop_all() { # services first, then the database; safe to call more than once
    if alive "$TAIL_PID"; then kill "$TAIL_PID" 2>/dev/null || true; fi
    if [ -n "$TRAINING_PIDS" ]; then # an archive cut short is valid but small: none is better
        for pid in $TRAINING_PIDS; do kill -TERM "$pid" 2>/dev/null || true; done
        for pid in $TRAINING_PIDS; do await_exit cds-training "$pid"; done
        rm -f command-side/target/run/app.* query-side/target/run/app.* embedded-mongo/target/run/app.*
        TRAINING_PIDS=""
    fi
    if alive "$COMMAND_PID" || alive "$QUERY_PID"; then
        say "stopping the command side and the query side"
        if alive "$COMMAND_PID"; then kill -TERM "$COMMAND_PID" 2>/dev/null || true; fi
        if alive "$QUERY_PID"; then kill -TERM "$QUERY_PID" 2>/dev/null || true; fi
    fi
    if [ -n "$COMMAND_PID" ]; then await_exit command-side "$COMMAND_PID"; fi
    if [ -n "$QUERY_PID" ]; then await_exit query-side "$QUERY_PID"; fi
    if alive "$MONGO_PID"; then
        say "stopping the embedded MongoDB server"
        kill -TERM "$MONGO_PID" 2>/dev/null || true
    fi
    if [ -n "$MONGO_PID" ]; then await_exit embedded-mongo "$MONGO_PID"; fi
    if $MONGO_RECORDING; then # stopped before the services' training runs were done
        rm -f command-side/target/run/app.* query-side/target/run/app.* embedded-mongo/target/run/app.*
        MONGO_RECORDING=false
    fi
    if [ -n "$TAIL_PID" ]; then wait "$TAIL_PID" 2>/dev/null || true; fi
    COMMAND_PID="" QUERY_PID="" MONGO_PID="" TAIL_PID=""
}

on_exit() {
    stop_all
    if [ -f "$PID_FILE" ] && [ "$(cat "$PID_FILE" 2>/dev/null)" = "$$" ]; then rm -f "$PID_FILE"; fi
}

on_signal() { # signal name
    if $stopping; then
        say "still stopping, please wait"
        return
    fi
    stopping=true
    echo || true
    say "got SIG$1, stopping"
    stop_all
    say "stopped"
    exit 0
}

# a failing start-up: tells why, shows the log of the process concerned, stops the rest
fail() { # name message
    printf 'run.sh: error: %s\n' "$2" >&2 || true
    show_log "$1"
    stopping=true
    stop_all
    say "stopped"
    exit 1
}

trap on_exit EXIT
trap 'on_signal INT' INT
trap 'on_signal TERM' TERM
trap 'on_signal HUP' HUP
echo $$ >"$PID_FILE"

if [ -z "${MONGODB_URI:-}" ]; then
    EMBEDDED=true
    if $memory; then
        mongo_where="in memory, nothing is kept"
        MONGO_STORE=(--memory)
    else
        mongo_where="data in $DATA_DIR/mongo"
        MONGO_STORE=(--data "$DATA_DIR/mongo")
    fi
    MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT/$DATABASE
    shown_uri=$MONGODB_URI
else
    EMBEDDED=false
    mongo_where="external"
    shown_uri=$(printf '%s' "$MONGODB_URI" | sed 's#//[^/@]*@#//***@#') # no password on the screen
fi

export MONGODB_URI LMS_JWT_SECRET
export LMS_QUERY_SIDE_URL=${LMS_QUERY_SIDE_URL:-http://localhost:$QUERY_PORT}

# ---------------------------------------------------------------------------------------------------- start-up
# Each process runs from its jar extracted into target/run/ (a plain classpath of jars loads classes faster than
# the nested jar, and is what class data sharing needs), with an archive of what it loads at start-up: on Java 24
# and newer an AOT cache (JEP 483/515: classes loaded and linked, and method profiles), on 17 to 23 an AppCDS
# archive (classes loaded). It is made once per jar and JVM by a training run: each service up to its refreshed
# context, then it exits (it touches the database only to ensure the indexes the service would ensure anyway);
# the embedded server records while it serves those two training runs, and starts again with its archive.

extracted() { # module jar: prints the extracted jar, extracting it first unless done from this jar already
    local dir=$1/target/run stamp
    # the archive holds the classes a start loads, which differ with and without Spring AOT: either makes its own
    stamp="$(cksum <"$2" | cut -d ' ' -f 1) $(printf '%s\n' "$java_version" | head -n 1) ${AOT_OPTS:-no-aot}"
    if [ ! -f "$dir/.from" ] || [ "$(cat "$dir/.from")" != "$stamp" ]; then
        rm -rf "$dir"
        "$JAVA" -Djarmode=tools -jar "$2" extract --destination "$dir" >/dev/null ||
            die "could not extract $2 into $dir"
        printf '%s\n' "$stamp" >"$dir/.from"
    fi
    printf '%s' "$dir/$(basename "$2")"
}

if [ "$java_major" -ge 24 ]; then ARCHIVE=app.aot; else ARCHIVE=app.jsa; fi

# The services start while the embedded server starts (their driver waits for it, up to its server-selection
# timeout), which saves the server's start on the way to ready; a training run, and run.sh before it waits for
# the services, wait here for the server to accept connections.
await_embedded_mongo() {
    [ -n "${MONGO_PID:-}" ] || return 0
    until listening 127.0.0.1 "$MONGO_PORT"; do
        alive "$MONGO_PID" || fail embedded-mongo "the embedded MongoDB server stopped during start-up"
        [ "$SECONDS" -lt "$MONGO_DEADLINE" ] || fail embedded-mongo "the embedded MongoDB server does not accept connections after 60s"
        sleep 0.1
    done
}

archive_options() { # module: the JVM options that use the module's archive, when there is one
    local file=$1/target/run/$ARCHIVE
    if ! $CDS || [ ! -s "$file" ]; then return; fi
    if [ "$ARCHIVE" = app.aot ]; then
        printf '%s' "-XX:AOTCache=$file -Xlog:cds=off"
        if [ "$java_major" -ge 25 ]; then printf ' %s' "-Xlog:aot=off"; fi # Java 24 has no such log tag
    else
        printf '%s' "-XX:SharedArchiveFile=$file -Xlog:cds=off -Xlog:cds+dynamic=off"
    fi
}

app_of() { # module: its extracted jar
    case $1 in
        command-side) printf '%s' "$COMMAND_APP" ;;
        query-side) printf '%s' "$QUERY_APP" ;;
        embedded-mongo) printf '%s' "$MONGO_APP" ;;
    esac
}

in_parallel() { # step function module...: runs the function (with $module and $app set) for the modules at once
    local step=$1 function=$2 started="" entry
    shift 2
    for module in "$@"; do
        app=$(app_of "$module")
        "$function" >>"$LOG_DIR/$module-cds-training.log" 2>&1 &
        TRAINING_PIDS="$TRAINING_PIDS $!"
        started="$started $!:$module"
    done
    for entry in $started; do
        module=${entry#*:}
        wait "${entry%%:*}" || {
            say "the $step of the $module failed (see $LOG_DIR/$module-cds-training.log); starting it without an archive"
            rm -f "$module"/target/run/app.*
        }
    done
    TRAINING_PIDS=""
}

start_embedded_mongo() { # log-name jvm-options...: starts the embedded server from its extracted jar
    local name=$1
    shift
    # shellcheck disable=SC2086 # JIT_OPTS holds several options, or none
    start "$name" "$JAVA" "$@" $JIT_OPTS -jar "$MONGO_APP" --host 127.0.0.1 --port "$MONGO_PORT" "${MONGO_STORE[@]}"
    MONGO_PID=$LAST_PID
    MONGO_DEADLINE=$((SECONDS + 60))
}

# The embedded server's training: it records what it loads while it serves the services' training runs, and
# writes it when it stops.
start_recording_embedded_mongo() {
    local file=embedded-mongo/target/run/app
    MONGO_RECORDING=true
    if [ "$ARCHIVE" = app.aot ]; then
        start_embedded_mongo embedded-mongo-cds-training -XX:AOTMode=record -XX:AOTConfiguration="$file.aotconf"
    else
        start_embedded_mongo embedded-mongo-cds-training -XX:ArchiveClassesAtExit="$file.jsa"
    fi
}
stop_recording_embedded_mongo() {
    kill -TERM "$MONGO_PID" 2>/dev/null || true
    await_exit embedded-mongo "$MONGO_PID"
    MONGO_PID="" MONGO_RECORDING=false
}

# The training steps exec the JVM, so that stop_all's signal reaches it.
training_run() { # options: the service up to its refreshed context, recording what it loads as the options say
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    exec env PORT=0 LMS_ADMIN_USERNAME= LMS_JWT_SECRET="$LMS_JWT_SECRET" \
        "$JAVA" $JIT_OPTS $AOT_OPTS ${JAVA_OPTS:-} "$@" -Dspring.context.exit=onRefresh -jar "$app"
}
record_classes() { training_run -XX:ArchiveClassesAtExit="$module/target/run/app.jsa"; }
record_aot_configuration() { training_run -XX:AOTMode=record -XX:AOTConfiguration="$module/target/run/app.aotconf"; }
create_aot_cache() {
    exec "$JAVA" -XX:AOTMode=create -XX:AOTConfiguration="$module/target/run/app.aotconf" \
        -XX:AOTCache="$module/target/run/app.aot" -jar "$app"
}

# A jar built before Spring AOT was added has no generated context; started with AOT on it would not start at all.
# (A zip stores its entries' names uncompressed, so grep finds the generated initializer's name in the jar.)
if [ -n "$AOT_OPTS" ] && ! { grep -qa '__ApplicationContextInitializer' "$COMMAND_JAR" &&
    grep -qa '__ApplicationContextInitializer' "$QUERY_JAR"; }; then
    say "the service jars were built without Spring AOT: starting them without it (a build makes them anew)"
    AOT_OPTS=""
fi

SERVICES="command-side query-side"
ARCHIVED=$SERVICES
COMMAND_APP=$(extracted command-side "$COMMAND_JAR")
QUERY_APP=$(extracted query-side "$QUERY_JAR")
if $EMBEDDED; then
    MONGO_APP=$(extracted embedded-mongo "$MONGO_JAR")
    ARCHIVED="embedded-mongo $SERVICES"
fi
training=false
for module in $ARCHIVED; do
    if $CDS && [ ! -s "$module/target/run/$ARCHIVE" ]; then training=true; fi
done
if $training; then
    say "making the class data sharing archives ($ARCHIVE, once per build and JVM; LMS_CDS=false skips this)"
    for module in $ARCHIVED; do rm -f "$module"/target/run/app.*; done
    rm -f "$LOG_DIR"/*-cds-training.log
    if $EMBEDDED; then start_recording_embedded_mongo; fi
    await_embedded_mongo
    if [ "$ARCHIVE" = app.aot ]; then # JEP 483's two steps (Java 25's -XX:AOTCacheOutput does both; 24 has not)
        # shellcheck disable=SC2086 # lists of modules
        in_parallel "training run" record_aot_configuration $SERVICES
        if $EMBEDDED; then stop_recording_embedded_mongo; fi
        # shellcheck disable=SC2086
        in_parallel "AOT cache creation" create_aot_cache $ARCHIVED
        for module in $ARCHIVED; do rm -f "$module/target/run/app.aotconf"; done
    else
        # shellcheck disable=SC2086
        in_parallel "training run" record_classes $SERVICES
        if $EMBEDDED; then stop_recording_embedded_mongo; fi
    fi
fi

if $EMBEDDED; then
    say "starting the embedded MongoDB server on port $MONGO_PORT ($mongo_where)"
    # shellcheck disable=SC2046 # the options are words
    start_embedded_mongo embedded-mongo $(archive_options embedded-mongo)
fi

say "starting the command side on port $COMMAND_PORT and the query side on port $QUERY_PORT"
# shellcheck disable=SC2086 # JAVA_OPTS holds several options
start command-side env PORT="$COMMAND_PORT" LMS_ADMIN_USERNAME="$LMS_ADMIN_USERNAME" \
    LMS_ADMIN_EMAIL="${LMS_ADMIN_EMAIL:-}" LMS_ADMIN_PASSWORD="${LMS_ADMIN_PASSWORD:-}" \
    "$JAVA" $(archive_options command-side) $JIT_OPTS $AOT_OPTS ${JAVA_OPTS:-} -jar "$COMMAND_APP"
COMMAND_PID=$LAST_PID
# shellcheck disable=SC2086
start query-side env PORT="$QUERY_PORT" "$JAVA" $(archive_options query-side) $JIT_OPTS $AOT_OPTS ${JAVA_OPTS:-} \
    -jar "$QUERY_APP"
QUERY_PID=$LAST_PID
await_embedded_mongo

# Readiness, not liveness: a service is ready when it can answer correctly (MongoDB reachable, the query side's
# catalog mirror loaded); docs/operations.md, "Health".
health_body() { # port: prints the status line and body of GET /actuator/health/readiness, fails when unreachable
    if command -v curl >/dev/null 2>&1; then
        curl -sS --max-time 5 -w '\nHTTP %{http_code}\n' "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null
    else
        ( # plain HTTP over bash's /dev/tcp
            line=""
            exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
            printf 'GET /actuator/health/readiness HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$1" >&3
            while IFS= read -r -t 5 line <&3 || [ -n "$line" ]; do
                printf '%s\n' "$line"
                line=""
            done
        ) 2>/dev/null
    fi
}

last_health="no answer"
healthy() { # port: succeeds when /actuator/health/readiness answers 200 with status UP
    local body
    body=$(health_body "$1") || { last_health="no answer"; return 1; }
    last_health=$(printf '%s' "$body" | tr '\r\n' '  ')
    case $body in
        *'"status":"UP"'*) ;;
        *) return 1 ;;
    esac
    case $body in
        *'HTTP 200'* | 'HTTP/1.'?' 200'*) return 0 ;;
        *) return 1 ;;
    esac
}

deadline=$((SECONDS + START_TIMEOUT))
for service in command-side query-side; do
    if [ "$service" = command-side ]; then pid=$COMMAND_PID port=$COMMAND_PORT; else pid=$QUERY_PID port=$QUERY_PORT; fi
    until healthy "$port"; do
        if ! alive "$pid"; then
            rc=0
            wait "$pid" || rc=$?
            fail "$service" "the $service stopped during start-up (exit code $rc)"
        fi
        if [ -n "$MONGO_PID" ] && ! alive "$MONGO_PID"; then
            fail embedded-mongo "the embedded MongoDB server stopped"
        fi
        [ "$SECONDS" -lt "$deadline" ] ||
            fail "$service" "the $service is not healthy after ${START_TIMEOUT}s; \
http://127.0.0.1:$port/actuator/health/readiness answered: $last_health"
        sleep 0.1
    done
    say "$service is up"
done

cat <<EOF

  The system is up.
    command side   http://localhost:$COMMAND_PORT
    query side     http://localhost:$QUERY_PORT
    MongoDB        $shown_uri ($mongo_where)
    admin          $admin_note
    logs           $LOG_DIR/
  Stop it with Ctrl-C (or: kill $$).

EOF

if $tail_logs; then
    tail -n 0 -F "$LOG_DIR/command-side.log" "$LOG_DIR/query-side.log" "$LOG_DIR/embedded-mongo.log" 2>/dev/null &
    TAIL_PID=$!
fi

# watch the children: if one of them ends, stop the others and fail
while true; do
    for service in embedded-mongo command-side query-side; do
        case $service in
            embedded-mongo) pid=$MONGO_PID ;;
            command-side) pid=$COMMAND_PID ;;
            query-side) pid=$QUERY_PID ;;
        esac
        if [ -n "$pid" ] && ! alive "$pid"; then
            rc=0
            wait "$pid" || rc=$?
            case $service in
                embedded-mongo) MONGO_PID="" ;;
                command-side) COMMAND_PID="" ;;
                query-side) QUERY_PID="" ;;
            esac
            fail "$service" "the $service ended unexpectedly (exit code $rc); stopping the rest"
        fi
    done
    sleep 1
done
