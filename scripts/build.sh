#!/bin/bash
# Configures and builds into build/ (warnings are errors here).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS=-Werror >/dev/null
make -C build -j"$(nproc)" --no-print-directory
