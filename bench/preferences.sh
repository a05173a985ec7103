#!/usr/bin/env bash
# Benchmark of the preferences service: GET and PUT preferences at 1,000 requests/s beside a trivial
# endpoint of the same service (liveness), then each at saturation; prints p50/p99 and the ratios.
# Infrastructure: KAFKA_BOOTSTRAP_SERVERS / KAIROS_DB_URL when set (e.g. from `./kairos run --infra-only`),
# else the test infrastructure of dev.kairos.platform.testing (Testcontainers, or a forked KRaft broker
# and an embedded PostgreSQL). Options: BENCH_RATE (1000), BENCH_SECONDS (10), BENCH_CONCURRENCY (32).
set -euo pipefail
cd "$(dirname "$0")/.."

offline=(-o)
[ "${BENCH_ONLINE:-}" = 1 ] && offline=()
classpath_file=services/preferences/target/bench.classpath
# Compile the module with its upstream modules in the reactor (never install: ~/.m2 is shared).
mvn -B -q "${offline[@]}" -pl services/preferences -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null

exec java -Xmx1g \
  -Dbench.rate="${BENCH_RATE:-1000}" -Dbench.seconds="${BENCH_SECONDS:-10}" \
  -Dbench.concurrency="${BENCH_CONCURRENCY:-32}" \
  -cp "services/preferences/target/test-classes:services/preferences/target/classes:$(cat "$classpath_file")" \
  dev.kairos.preferences.bench.PreferencesBench
