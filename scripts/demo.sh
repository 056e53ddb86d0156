#!/bin/bash
# Installs dependencies, builds, and runs a real trace: counts the system
# calls each program makes for two seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
exec $SUDO ./build/dtrace -n 'syscall:::entry { n++; } tick-2s { printf("%d system calls in 2 seconds\n", n); exit(0); }'
