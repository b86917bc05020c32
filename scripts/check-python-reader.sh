#!/usr/bin/env bash
# Checks that the Python reader (tools/baton_reader.py, standard library only) decides exactly
# what the Swift router decides: builds baton, trains a model on the demo corpus in a temporary
# folder, routes tools/reader-check-messages.txt with `baton route` and with the Python reader,
# and fails unless every message gets the same intent, tier and reason, with confidences
# within 1e-5.
#
#   scripts/check-python-reader.sh            # builds with `swift build` (debug)
#   BATON=path/to/baton scripts/check-python-reader.sh   # uses an existing binary
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BATON:-}" ]; then
    swift build --product baton
    BATON=.build/debug/baton
fi
messages=tools/reader-check-messages.txt

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$BATON" demo --from datasets/demo --store "$work/store.sqlite" 2>"$work/demo.log" \
    || { cat "$work/demo.log" >&2; echo "check-python-reader: baton demo failed" >&2; exit 1; }
"$BATON" retrain --store "$work/store.sqlite" --models "$work/models" >"$work/retrain.json" 2>"$work/retrain.log" \
    || { cat "$work/retrain.log" >&2; echo "check-python-reader: baton retrain failed" >&2; exit 1; }

"$BATON" route --models "$work/models" <"$messages" >"$work/swift.jsonl"
python3 tools/baton_reader.py "$work/models" <"$messages" >"$work/python.jsonl"

python3 - "$messages" "$work/swift.jsonl" "$work/python.jsonl" <<'PY'
import json
import sys

TOLERANCE = 1e-5
messages_path, swift_path, python_path = sys.argv[1:4]
with open(messages_path, encoding="utf-8") as handle:
    messages = handle.read().split("\n")[:-1]
with open(swift_path, encoding="utf-8") as handle:
    swift = [json.loads(line) for line in handle]
with open(python_path, encoding="utf-8") as handle:
    python = [json.loads(line) for line in handle]

problems = []
if not (len(messages) == len(swift) == len(python)):
    problems.append(f"line counts differ: {len(messages)} messages, {len(swift)} from baton route, "
                    f"{len(python)} from the Python reader")
for number, (text, s, p) in enumerate(zip(messages, swift, python), start=1):
    for key in ("version", "intent", "tier", "reason"):
        if s.get(key) != p.get(key):
            problems.append(f"line {number} {text!r}: {key} is {s.get(key)!r} in Swift, {p.get(key)!r} in Python")
    difference = abs(s["confidence"] - p["confidence"])
    if not difference <= TOLERANCE:
        problems.append(f"line {number} {text!r}: confidence {s['confidence']} in Swift, {p['confidence']} "
                        f"in Python (difference {difference:.3g} > {TOLERANCE})")
if problems:
    print("check-python-reader: the Python reader disagrees with baton route:", file=sys.stderr)
    for problem in problems:
        print("  " + problem, file=sys.stderr)
    sys.exit(1)
largest = max((abs(s["confidence"] - p["confidence"]) for s, p in zip(swift, python)), default=0.0)
tiers = sorted({d["tier"] for d in swift})
print(f"check-python-reader: {len(messages)} messages agree (intent, tier, reason; largest confidence "
      f"difference {largest:.3g}; tiers seen {tiers})")
PY
