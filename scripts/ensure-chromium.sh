#!/usr/bin/env bash
# Makes sure a Chromium for the browser tests is present. Playwright's own browser download cannot
# work on machines without general internet access, so the tests use Debian's chromium package.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
echo "Chromium not found at $browser; installing Debian's chromium package..." >&2
if [ "$(id -u)" = "0" ]; then
  apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
elif command -v sudo >/dev/null; then
  sudo apt-get install -y chromium >/dev/null || { sudo apt-get update >/dev/null && sudo apt-get install -y chromium >/dev/null; }
else
  echo "Cannot install chromium (not root, no sudo). Install it, or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
[ -x "$browser" ] || { echo "chromium installed but not at $browser; set CHROMIUM_PATH" >&2; exit 1; }
