#!/usr/bin/env bash
# The Debian packages the checks drive: Chromium for browser tests, PostgreSQL for the second run and
# the benchmark, wrk for the benchmark's load (`make test` ends with a short benchmark run).
# Name more to install them too, each a package whose command has its name: `scripts/system-deps.sh redis-server`.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
for command in wrk "$@"; do
    command -v "$command" >/dev/null 2>&1 || missing+=("$command")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "These Debian packages are needed: ${missing[*]}" >&2
    echo "Install them as root with: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
