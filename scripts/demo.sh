#!/usr/bin/env bash
# The main job on a fresh machine: build Syncline, start the local services (from a clean slate),
# create the shop database with sample data, run the daemon with connectors-config/examples/shop.yaml,
# apply a burst of inserts/updates/deletes, and print per-view counts in the source and every sink.
#
#   scripts/demo.sh                     defaults: 2000 customers, 500 products, 5000 orders
#   DEMO_ORDERS=20000 scripts/demo.sh   more data
#   DEMO_KEEP_RUNNING=1 scripts/demo.sh leave the daemon and services running afterwards
#
# Exits 0 only when the final table shows every sink equal to the source.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

customers=${DEMO_CUSTOMERS:-2000}
products=${DEMO_PRODUCTS:-500}
orders=${DEMO_ORDERS:-5000}
work=${SYNCLINE_DEMO_DIR:-/var/tmp/syncline-demo}
export SYNCLINE_SERVICES_DIR=${SYNCLINE_SERVICES_DIR:-$work/services}
export SYNCLINE_STATE_DIR=$work/state
pipeline=connectors-config/examples/shop.yaml
psql_shop() { psql -h 127.0.0.1 -p 25432 -U postgres -d shop -v ON_ERROR_STOP=1 -q "$@"; }

step() { printf '\n== %s\n' "$*"; }

step "prerequisites and build"
scripts/install-prerequisites.sh
command -v psql >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql-client; }
./mvnw -B -q -ntp -DskipTests package

step "local services (fresh state under $SYNCLINE_SERVICES_DIR)"
scripts/local-services.sh down >/dev/null 2>&1 || true
rm -rf "$work"
mkdir -p "$work"
# Stops what 'up' started even when 'up' itself fails part-way (replaced below once the daemon runs).
trap '[ "${DEMO_KEEP_RUNNING:-}" = 1 ] || scripts/local-services.sh down >/dev/null' EXIT
scripts/local-services.sh up

step "shop database: $customers customers, $products products, $orders orders"
psql -h 127.0.0.1 -p 25432 -U postgres -qc 'CREATE DATABASE shop'
psql_shop -f connectors-config/examples/shop-schema.sql
psql_shop -v customers="$customers" -v products="$products" -v orders="$orders" -f connectors-config/examples/shop-data.sql

step "validate the pipeline"
scripts/syncline validate --source -c "$pipeline"

step "run the daemon (log: $work/syncline.log)"
scripts/syncline run -c "$pipeline" > "$work/syncline.log" 2>&1 &
daemon=$!
stop_daemon() {
  if kill -0 "$daemon" 2>/dev/null; then
    kill -TERM "$daemon"
    wait "$daemon" || true
  fi
}
trap '[ "${DEMO_KEEP_RUNNING:-}" = 1 ] || { stop_daemon; scripts/local-services.sh down >/dev/null; }' EXIT

# Waits until every sink holds as many documents per view as the source has rows. verify exits 1
# while a sink differs and 69 while a server is not reachable yet; anything else is a failure.
converge() {
  local deadline=$((SECONDS + ${1:-300})) code
  while :; do
    code=0
    scripts/syncline verify -c "$pipeline" > "$work/verify.txt" 2> "$work/verify.err" || code=$?
    case $code in
      0) return ;;
      1|69) ;;
      *) echo "verify failed (exit $code):"; cat "$work/verify.err"; exit 1 ;;
    esac
    kill -0 "$daemon" 2>/dev/null || { echo "the daemon stopped; its log:"; tail -50 "$work/syncline.log"; exit 1; }
    if [ $SECONDS -ge $deadline ]; then
      echo "sinks did not converge in time:"; cat "$work/verify.txt" "$work/verify.err"; tail -30 "$work/syncline.log"; exit 1
    fi
    sleep 3
  done
}

started=$SECONDS
converge 600
echo "initial snapshot replicated in $((SECONDS - started)) s"
cat "$work/verify.txt"

step "a burst of inserts, updates and deletes"
psql_shop -f connectors-config/examples/shop-changes.sql
started=$SECONDS
converge 300
echo "changes replicated in $((SECONDS - started)) s"

step "per-view counts: source and every sink"
cat "$work/verify.txt"

step "a joined document: the first order in Elasticsearch (customer email hashed, items with product names)"
curl -s "http://127.0.0.1:29200/orders/_doc/1?_source_includes=id,status,customer,items" | head -c 1200; echo

step "Kafka Streams state stores on disk (per store, all tasks; after a clean stop, when RocksDB has flushed)"
if [ "${DEMO_KEEP_RUNNING:-}" = 1 ]; then
  echo "(skipped: the daemon keeps running)"
else
  stop_daemon
  du -sk --apparent-size "$SYNCLINE_STATE_DIR"/streams/*/*/rocksdb/* 2>/dev/null \
    | awk '{ n = split($2, p, "/"); size[p[n]] += $1 } END { for (s in size) printf "%10.2f MiB  %s\n", size[s] / 1024, s }' \
    | sort -k3
  du -sh --apparent-size "$SYNCLINE_STATE_DIR/streams" | awk '{ print "total: " $1 }'
fi

step "result"
echo "every sink holds exactly the source's rows for every view (scripts/syncline verify exit 0)"
