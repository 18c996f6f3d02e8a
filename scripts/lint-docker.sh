#!/usr/bin/env bash
# Checks the Dockerfiles and docker-compose.yml without a Docker engine (none runs on the build machines):
#  1. each Dockerfile parses and every instruction, flag and value is valid (dockerfile-utils lint, npm: the
#     validator behind the Docker extension of VS Code);
#  2. each Dockerfile keeps the project's rules: a build stage and a runtime stage, a HEALTHCHECK, a last USER that
#     is not root, base images with a tag other than latest, no ADD of URLs;
#  3. the build context has what the build stage copies: every module of the root pom has its pom copied (Maven
#     refuses a reactor with a module missing), and every COPY source exists and is not left out by .dockerignore;
#  4. docker-compose.yml is valid compose (docker-compose config, Debian's docker-compose; also `docker compose
#     config` where the v2 plugin exists) and clean YAML (yamllint).
# Installs what is missing: yamllint and docker-compose from Debian (as root), dockerfile-utils from npm into
# ~/.cache/lms-lint. Exits non-zero on the first file with a finding.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DOCKERFILE_UTILS_VERSION=0.16.3
TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/lms-lint"
dockerfiles=(command-side/Dockerfile query-side/Dockerfile)

install_tools() {
    local missing=()
    command -v yamllint >/dev/null 2>&1 || missing+=(yamllint)
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "lint-docker: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
    if [ ! -x "$TOOLS/node_modules/.bin/dockerfile-utils" ]; then
        echo "lint-docker: installing dockerfile-utils@$DOCKERFILE_UTILS_VERSION"
        mkdir -p "$TOOLS"
        npm install --silent --no-audit --no-fund --prefix "$TOOLS" "dockerfile-utils@$DOCKERFILE_UTILS_VERSION" >/dev/null
    fi
}

fail() {
    echo "lint-docker: $*" >&2
    exit 1
}

check_rules() { # the project's rules for one Dockerfile
    local file=$1
    [ "$(grep -c '^FROM ' "$file")" -ge 2 ] || fail "$file: needs a build stage and a runtime stage"
    grep -q '^HEALTHCHECK ' "$file" || fail "$file: no HEALTHCHECK"
    local last_user
    last_user=$(grep '^USER ' "$file" | tail -n 1 | awk '{print $2}')
    [ -n "$last_user" ] && [ "$last_user" != root ] && [ "$last_user" != 0 ] || fail "$file: the image runs as root"
    [ "$(awk '/^FROM /{stage=NR} /^USER /{user=NR} END{print (user > stage)}' "$file")" = 1 ] \
        || fail "$file: no USER in the runtime stage"
    if grep -E '^FROM ' "$file" | grep -Ev '^FROM [^ :]+:[^ ]+' | grep -q .; then
        fail "$file: a base image without a tag"
    fi
    if grep -E '^FROM [^ ]+:latest' "$file" | grep -q .; then fail "$file: a base image tagged latest"; fi
    if grep -Eq '^ADD +(--[^ ]+ +)*https?://' "$file"; then fail "$file: ADD of a URL (download with a checked step)"; fi
}

ignored() { # whether .dockerignore leaves a path out of the build context (the patterns this project uses)
    local path=$1 pattern
    while IFS= read -r pattern; do
        case "$pattern" in '' | '#'*) continue ;; esac
        pattern=${pattern%/}
        case "$pattern" in
        '**/'*) [[ "/$path/" == */${pattern#\*\*/}/* ]] && return 0 ;;
        '*.'*) [[ "$path" == $pattern ]] && return 0 ;;
        *) [[ "$path" == "$pattern" || "$path" == "$pattern"/* ]] && return 0 ;;
        esac
    done <.dockerignore
    return 1
}

check_context() { # what the build stage copies is in the build context
    local file=$1 module source
    for module in $(sed -n 's:.*<module>\(.*\)</module>.*:\1:p' pom.xml); do
        grep -Eq "^COPY +$module/pom.xml " "$file" || fail "$file: the pom of module $module is not copied"
    done
    while read -r source; do
        source=${source%/}
        [ -e "$source" ] || fail "$file: COPY $source, which does not exist"
        if ignored "$source"; then fail "$file: COPY $source, which .dockerignore leaves out"; fi
    done < <(grep -E '^COPY ' "$file" | grep -v -- '--from=' | awk '{for (i = 2; i < NF; i++) print $i}')
}

install_tools
for file in "${dockerfiles[@]}"; do
    "$TOOLS/node_modules/.bin/dockerfile-utils" lint "$file" || fail "$file: invalid (see above)"
    check_rules "$file"
    check_context "$file"
    echo "lint-docker: $file ok"
done

# a dummy secret: compose refuses to render without one, and the value is not checked here
LMS_JWT_SECRET=lint-only docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml: invalid compose"
if docker compose version >/dev/null 2>&1; then
    LMS_JWT_SECRET=lint-only docker compose -f docker-compose.yml config -q || fail "docker-compose.yml: invalid compose (v2)"
fi
yamllint -s -d '{extends: default, rules: {line-length: {max: 160}, document-start: disable, truthy: {check-keys: false}}}' \
    docker-compose.yml || fail "docker-compose.yml: YAML findings (see above)"
echo "lint-docker: docker-compose.yml ok"
