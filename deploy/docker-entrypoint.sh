#!/bin/sh
# One image, several commands (docker-compose.yml): api | worker | migrate | cli <args> | any command.
# Runs the TypeScript sources through the same loader as the npm scripts (swc, with decorator
# metadata: STACK.md pitfall 9). `exec` replaces this shell with node, so the SIGTERM of `docker stop`
# (forwarded by the `init: true` process) reaches Nest's shutdown hooks and the worker drains.
set -eu
run() { exec node --enable-source-maps --import @swc-node/register/esm-register "$@"; }
cmd=${1:-api}
[ "$#" -gt 0 ] && shift
case "$cmd" in
  api) run apps/api/src/main.ts "$@" ;;
  worker) run apps/worker/src/main.ts "$@" ;;
  migrate) run apps/cli/src/main.ts migrate "$@" ;;
  cli) run apps/cli/src/main.ts "$@" ;;
  *) exec "$cmd" "$@" ;;
esac
