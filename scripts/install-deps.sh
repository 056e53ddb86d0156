#!/bin/bash
# Installs the Debian packages the project needs to build and test.
set -euo pipefail
pkgs=(g++ cmake make pkg-config libbpf-dev libelf-dev zlib1g-dev libgtest-dev python3
      systemtap-sdt-dev
      bpftool bpftrace clang)
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
