# Sourced by the benchmark scripts: stopping the processes they started.

stop() { # pid: SIGTERM, then SIGKILL if it is still running after a minute
    if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
        kill -TERM "$1" 2>/dev/null || true
        for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
        kill -KILL "$1" 2>/dev/null || true
    fi
}
