#!/bin/bash
# Runs the shared conformance kit on the given categories (default: the
# core categories) with the project's triggers, and prints pass counts.
# Usage: scripts/conformance.sh [--out FILE] [CATEGORY...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=/tmp/dtrace-conformance.json
if [ "${1:-}" = "--out" ]; then out=$2; shift 2; fi
cats=("$@")
[ ${#cats[@]} -eq 0 ] && cats=(begin end exit clauses trace printf tick-n profile-n syscall)
kit=../shared/conformance
python3 "$kit/run.py" --dtrace "$PWD/build/dtrace" --tests "$kit/visible.txt" \
    --triggers "$PWD/build/tests/triggers" --jobs 2 --out "$out" "${cats[@]}"
