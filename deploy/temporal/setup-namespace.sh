#!/bin/sh
# Makes the Temporal namespace and Custodian's custom search attributes exist (idempotent), then
# waits until the frontend accepts a query on them, so workflows started right after this job
# exits never meet an unknown search attribute. Keep the list in step with
# libs/policy/search-attributes.ts (the dev server gets the same list from libs/temporal/dev-server.ts).
set -eu
ns=${TEMPORAL_NAMESPACE:-default}
attributes="CustodianProcess:Keyword CustodianStage:Keyword"
export TEMPORAL_ADDRESS

tries=0
until temporal operator cluster health >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "Temporal at $TEMPORAL_ADDRESS is not healthy"; exit 1; }
  echo "waiting for Temporal at $TEMPORAL_ADDRESS"
  sleep 2
done

if temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --namespace "$ns" --retention "${TEMPORAL_NAMESPACE_RETENTION:-720h}"
  echo "namespace $ns created"
fi

# A namespace just created reaches every frontend's namespace cache within seconds (its refresh
# interval): until then the listing answers "not found".
tries=0
until existing=$(temporal operator search-attribute list --namespace "$ns" 2>/dev/null); do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "namespace $ns not visible to the frontend yet"; exit 1; }
  sleep 1
done
probe=""
for pair in $attributes; do
  name=${pair%%:*}
  type=${pair#*:}
  if printf '%s\n' "$existing" | grep -qw "$name"; then
    echo "search attribute $name exists"
  else
    temporal operator search-attribute create --namespace "$ns" --name "$name" --type "$type"
    echo "search attribute $name ($type) created"
  fi
  probe="${probe:+$probe AND }$name = 'probe'"
done

tries=0
until temporal workflow list --namespace "$ns" --query "$probe" --limit 1 >/dev/null 2>&1; do
  tries=$((tries + 1))
  [ "$tries" -lt 60 ] || { echo "search attributes not queryable yet"; exit 1; }
  sleep 2
done
echo "Temporal namespace $ns is ready for Custodian"
