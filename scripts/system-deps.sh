#!/usr/bin/env bash
# The Debian packages the test suite drives: Chromium for browser tests, PostgreSQL for the second run.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them as root with: apt-get install -y ${missing[*]}" >&2
    exit 1
fi
