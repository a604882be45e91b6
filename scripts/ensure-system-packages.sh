#!/usr/bin/env bash
# Part of `npm run tools` (and so of `npm test`): the Debian packages of the real servers and the browser
# that the tests drive. Idempotent: does nothing when everything is installed.
# - Chromium (playwright-core drives it; `npx playwright install` cannot download browsers
#   on machines without general internet access), with a small Chinese font so screenshots of the zh-CN pages are not empty boxes.
# - OpenLDAP (slapd, ldap-utils) and Squid: the directory and the proxy that enforce a grant (SYS-1).
# - Prometheus (ships prometheus and promtool): the alerting rules' checks and the metrics end-to-end test.
# - With --cluster (`npm run cluster`, `npm run test:cluster`): nginx, the gateway in front of the API replicas.
# CHROMIUM_PATH, SLAPD_PATH, SQUID_PATH, PROMETHEUS_PATH and NGINX_PATH select other binaries (promtool beside prometheus).
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
slapd="${SLAPD_PATH:-/usr/sbin/slapd}"
squid="${SQUID_PATH:-/usr/sbin/squid}"
prometheus="${PROMETHEUS_PATH:-/usr/bin/prometheus}"
want=()
[ -x "$chromium" ] || want+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; then want+=(fonts-wqy-microhei); fi
[ -x "$slapd" ] || want+=(slapd)
command -v ldapmodify >/dev/null 2>&1 || want+=(ldap-utils)
[ -x "$squid" ] || want+=(squid)
[ -x "$prometheus" ] || want+=(prometheus)
nginx="${NGINX_PATH:-/usr/sbin/nginx}"
if [ "${1:-}" = "--cluster" ] && [ ! -x "$nginx" ]; then want+=(nginx); fi
if [ ${#want[@]} -eq 0 ]; then
  echo "[tools] chromium: $chromium; slapd: $slapd; squid: $squid; prometheus: $prometheus${1:+; nginx: $nginx}"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "[tools] missing ${want[*]}; install them (Debian: sudo apt-get install -y ${want[*]}) or set CHROMIUM_PATH / SLAPD_PATH / SQUID_PATH / PROMETHEUS_PATH / NGINX_PATH; the browser, enforcement and metrics tests and npm run cluster need them" >&2
  exit 0
fi
echo "[tools] installing ${want[*]} with apt-get (once, about a minute)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
echo "[tools] chromium: $("$chromium" --version 2>/dev/null || echo "$chromium"); slapd: $slapd; squid: $squid; prometheus: $prometheus${1:+; nginx: $nginx}"
