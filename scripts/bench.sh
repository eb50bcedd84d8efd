#!/usr/bin/env bash
# Builds the benchmark harness and runs it once on the test kit's real local services. The spine:
# Debezium alone, raw writes to each store, Syncline end to end, each of its stages alone, its commit-to-visible
# latency at a steady rate, Debezium + Kafka Connect into MongoDB, a Syncline backfill and verify --deep, with
# --backlog N the daemon's heap through a backlog of N changes (a child JVM), and with --workers-backlog N a
# capture plus one, then two worker processes draining N changes, and worker and capture failover; the joins: the shop example's
# joined views (snapshot, parent and child changes, state store sizes). Prints markdown tables (each
# round and the medians) and writes them to benchmarks/target/spine-benchmark.md and
# joins-benchmark.md. See benchmarks/README.md.
#
#   scripts/bench.sh                                     both, 3 rounds each (spine: 100,000 rows, 50,000 changes)
#   scripts/bench.sh --suite spine --rounds 1 --rows 20000 --changes 10000
#   scripts/bench.sh --suite spine --rounds 1 --rows 5000 --changes 2000 --latency-seconds 0 --backlog 2000000
#   scripts/bench.sh --suite spine --rounds 1 --rows 3000 --changes 1000 --latency-seconds 0 --workers-backlog 200000
#   scripts/bench.sh --suite joins --rounds 3            the joined views at the demo's size
#   SYNCLINE_BENCH_SKIP_BUILD=1 scripts/bench.sh ...     run what is already built
#   SYNCLINE_BENCH_JAVA_OPTS="-Xmx4g" scripts/bench.sh   JVM options (default -Xmx3g)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ "${SYNCLINE_BENCH_SKIP_BUILD:-}" != 1 ]; then
  # The harness and the modules it needs; package copies its runtime classpath to benchmarks/target/lib.
  ./mvnw -B -q -ntp -DskipTests -pl benchmarks -am package
fi
if [ ! -d benchmarks/target/lib ]; then
  echo "the harness is not built: run without SYNCLINE_BENCH_SKIP_BUILD" >&2
  exit 1
fi

# Kafka, Debezium and the drivers log at WARN unless asked otherwise; progress lines start with [bench].
export SYNCLINE_LOG_LEVEL=${SYNCLINE_LOG_LEVEL:-WARN}
exec java ${SYNCLINE_BENCH_JAVA_OPTS:--Xmx3g} -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
  io.syncline.bench.BenchmarkMain "$@"
