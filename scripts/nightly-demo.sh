#!/usr/bin/env bash
# One command from a fresh clone to a published model: installs the system libraries if
# missing, builds the release binary, creates the demo store if there is none, and runs the
# nightly job exactly as cron would (store ./baton.sqlite, models ./models).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in libsqlite3-dev libblas-dev; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

swift build -c release >&2
baton=.build/release/baton
export BATON_STORE="${BATON_STORE:-baton.sqlite}"
export BATON_MODELS="${BATON_MODELS:-models}"
[ -f "$BATON_STORE" ] || "$baton" demo
"$baton" retrain "$@"
