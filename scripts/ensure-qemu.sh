#!/usr/bin/env bash
# Makes sure qemu-user's x86-64 emulator is present for the tests that run int8 inference on an
# emulated AVX2 CPU without VNNI (qemu-x86_64 -cpu Haswell) whatever this machine's CPU:
# lib/inference/int8-on-avx2.test.ts and lib/benchmarks/int8-portability/int8-portability.eval.test.ts.
# Installs Debian's qemu-user package when absent.
# In CI (CI=true, or REQUIRE_INT8_EMULATION=1 as .ci/run sets) those tests must run, not skip, so this script fails when qemu cannot be had there.
# Elsewhere it only warns: the tests then skip with the reason in their name.
set -uo pipefail
in_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ] || [ "${REQUIRE_INT8_EMULATION:-}" = "1" ]; }
give_up() {
  if in_ci; then
    echo "CI: $1 The emulated-AVX2 int8 tests cannot run, and in CI they may not skip." >&2
    exit 1
  fi
  echo "$1 The emulated-AVX2 int8 tests will be skipped." >&2
  exit 0
}
if command -v qemu-x86_64 >/dev/null; then
  exit 0
fi
if [ "$(uname -m)" != "x86_64" ]; then
  give_up "Not an x86-64 host ($(uname -m))."
fi
echo "qemu-x86_64 not found; installing Debian's qemu-user package..." >&2
install_qemu() { "$@" apt-get install -y --no-install-recommends qemu-user >/dev/null || { "$@" apt-get update >/dev/null && "$@" apt-get install -y --no-install-recommends qemu-user >/dev/null; }; }
if [ "$(id -u)" = "0" ]; then
  install_qemu
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  install_qemu sudo
fi
command -v qemu-x86_64 >/dev/null || give_up "Could not install qemu-user (needs root or passwordless sudo, and apt)."
exit 0
