#!/usr/bin/env bash
# Part of `npm run tools` (and so of `npm test`): the browser tests drive Debian's Chromium through
# playwright-core, because `npx playwright install` cannot download browsers here (STACK.md pitfall 7).
# Idempotent: does nothing when Chromium is already installed. Set CHROMIUM_PATH to use another binary.
set -euo pipefail
target="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$target" ]; then
  echo "[tools] chromium: $target"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "[tools] chromium: $target is missing and we are not root; install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[tools] chromium: $target is missing and there is no apt-get; install Chromium and set CHROMIUM_PATH" >&2
  exit 0
fi
echo "[tools] chromium: not installed; running apt-get update && apt-get install chromium (once, about a minute)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
echo "[tools] chromium: installed $("$target" --version 2>/dev/null || echo "$target")"
