#!/usr/bin/env bash
# Part of `npm run tools` (and so of `npm test`): the browser tests drive Debian's Chromium through
# playwright-core, because `npx playwright install` cannot download browsers here (STACK.md pitfall 7).
# A small Chinese font (WenQuanYi Micro Hei) comes with it, or screenshots of the zh-CN pages would show
# empty boxes. Idempotent: does nothing when both are installed. CHROMIUM_PATH selects another binary.
set -euo pipefail
target="${CHROMIUM_PATH:-/usr/bin/chromium}"
want=()
[ -x "$target" ] || want+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then want+=(fonts-wqy-microhei); fi
if [ ${#want[@]} -eq 0 ]; then
  echo "[tools] chromium: $target"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[tools] chromium: missing ${want[*]}; install them (Debian: sudo apt-get install -y ${want[*]}) or set CHROMIUM_PATH; the browser tests need Chromium" >&2
  exit 0
fi
echo "[tools] chromium: installing ${want[*]} with apt-get (once, about a minute)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "[tools] chromium: $("$target" --version 2>/dev/null || echo "$target")"
