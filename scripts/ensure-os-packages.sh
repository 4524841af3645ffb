#!/usr/bin/env bash
# Installs the few OS libraries the embedded MySQL 8.0 server needs (Debian 12 names), if missing.
# Called by ./dev and .ci/run; a no-op when they are already there.
set -euo pipefail

missing=()
ldconfig -p | grep -q 'libaio\.so\.1' || missing+=(libaio1)
ldconfig -p | grep -q 'libnuma\.so\.1' || missing+=(libnuma1)

if ((${#missing[@]})); then
  echo "Installing OS packages for the embedded MySQL server: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
