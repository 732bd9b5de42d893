#!/usr/bin/env bash
# Makes sure qemu-user's x86-64 emulator is present for lib/inference/int8-on-avx2.test.ts, which runs
# int8 inference on an emulated AVX2 CPU without VNNI (qemu-x86_64 -cpu Haswell) whatever this
# machine's CPU. Installs Debian's qemu-user when absent. Unlike Chromium it is not required: when it
# cannot be had, the test is skipped with the reason in its name, so this script never fails.
set -uo pipefail
if command -v qemu-x86_64 >/dev/null; then
  exit 0
fi
if [ "$(uname -m)" != "x86_64" ]; then
  echo "Not an x86-64 host: the emulated-AVX2 int8 test will be skipped." >&2
  exit 0
fi
echo "qemu-x86_64 not found; installing Debian's qemu-user package..." >&2
install_qemu() { "$@" apt-get install -y --no-install-recommends qemu-user >/dev/null || { "$@" apt-get update >/dev/null && "$@" apt-get install -y --no-install-recommends qemu-user >/dev/null; }; }
if [ "$(id -u)" = "0" ]; then
  install_qemu
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  install_qemu sudo
fi
command -v qemu-x86_64 >/dev/null || echo "Could not install qemu-user (needs root or sudo and apt): the emulated-AVX2 int8 test will be skipped." >&2
exit 0
