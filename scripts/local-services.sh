#!/usr/bin/env bash
# Runs the test kit's local servers as long-lived processes on fixed loopback ports:
#   PostgreSQL 25432, Kafka 29092 (controller 29093), Elasticsearch 29200 (transport 29300),
#   MongoDB wire protocol 28017, ClickHouse HTTP 28123.
# They lie below Linux's ephemeral range (32768-60999): a port in it can be taken at any moment as the
# local end of some connection (Kafka's own, say), and the server meant for it then fails to start.
# All state lives under $SYNCLINE_SERVICES_DIR (default /var/tmp/syncline-services).
#
#   scripts/local-services.sh up       start what is not running (idempotent)
#   scripts/local-services.sh down     stop what 'up' started, nothing else
#   scripts/local-services.sh status   show each server (exit 3 if any is stopped)
#
# After 'up', `source $SYNCLINE_SERVICES_DIR/endpoints.env` makes tests use these servers.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
state=${SYNCLINE_SERVICES_DIR:-/var/tmp/syncline-services}
command=${1:-}
case "$command" in
  up|down|status) ;;
  *) echo "usage: $0 up|down|status" >&2; exit 64 ;;
esac

cd "$root"
classes=$root/test-kit/target/classes
classpath_file=test-kit/target/local-services.classpath
# 'up' always rebuilds the small test-kit module so the servers match the checkout; -am builds the
# project modules it needs from this checkout too (never from jars an earlier install left in ~/.m2).
if [ "$command" = up ] || [ ! -f "$classpath_file" ] || [ ! -d "$classes" ]; then
  ./mvnw -q -B -ntp -pl test-kit -am process-classes dependency:build-classpath \
    -Dmdep.outputFile=target/local-services.classpath -Dmdep.includeScope=runtime
fi

exec java -cp "$classes:$(cat "$classpath_file")" io.syncline.testkit.local.LocalServicesMain "$command" "$state"
