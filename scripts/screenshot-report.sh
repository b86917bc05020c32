#!/usr/bin/env bash
# Saves a PNG screenshot of an HTML report (from `baton compare --html` or `baton eval --html`)
# taken by headless Chromium, to look at a report the way a person would without a desktop.
#
#   scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH [HEIGHT]]
#
# Installs Debian's chromium package if no Chromium is on the PATH (needs root).
# The report has no scripts and no external resources, so no network is needed.
set -euo pipefail

if [ $# -lt 2 ]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH [HEIGHT]]" >&2
    exit 2
fi
report=$1
out=$2
width=${3:-1400}
height=${4:-3000}

if [ ! -f "$report" ]; then
    echo "$0: no such file: $report" >&2
    exit 3
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then
        browser=$candidate
        break
    fi
done
if [ -z "$browser" ]; then
    echo "$0: installing chromium (Debian package)" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "$0: chromium is missing and installing it needs root: apt-get install -y chromium" >&2
        exit 3
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser=chromium
fi

absolute=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")
out_absolute=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
# A throwaway profile, so a running browser's profile is never touched.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$out_absolute" --window-size="$width,$height" "file://$absolute" 2>/dev/null

if [ ! -s "$out_absolute" ]; then
    echo "$0: $browser wrote no screenshot to $out" >&2
    exit 1
fi
echo "$out"
