#!/usr/bin/env bash
# Benchmark of the preferences service: GET and PUT preferences at 1,000 requests/s beside a trivial
# endpoint of the same service (liveness), then each at saturation; prints p50/p99, the ratios, and the CPU
# time per request of the service and of the load generator. The service runs in a JVM of its own (its
# runtime classpath; output in services/preferences/target/bench-service.log), the load in this one.
# Infrastructure: KAFKA_BOOTSTRAP_SERVERS / KAIROS_DB_URL when set (e.g. from `./kairos run --infra-only`),
# else the test infrastructure of dev.kairos.platform.testing (Testcontainers, or a forked KRaft broker
# and an embedded PostgreSQL). Before measuring, every endpoint warms the service up at saturation, then at
# the fixed rate until its JIT compilers are quiet. Options: BENCH_RATE (1000), BENCH_SECONDS (10), BENCH_CONCURRENCY (32),
# BENCH_WARMUP_ROUNDS (at most 10),
# BENCH_SERVICE_JVM (options of the service's JVM, default -Xmx512m; e.g. add
# -XX:StartFlightRecording=filename=target/prefs.jfr,settings=profile to profile it).
set -euo pipefail
cd "$(dirname "$0")/.."

offline=(-o)
[ "${BENCH_ONLINE:-}" = 1 ] && offline=()
module=services/preferences
# Compile the module with its upstream modules in the reactor (never install: ~/.m2 is shared), so the
# classpaths name their target/classes; the service gets the runtime classpath, the load generator the test one.
mvn -B -q "${offline[@]}" -pl $module -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -DincludeScope=test >/dev/null
mvn -B -q "${offline[@]}" -pl $module -am compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-service.classpath -DincludeScope=runtime >/dev/null

exec java -Xmx512m \
  -Dbench.rate="${BENCH_RATE:-1000}" -Dbench.seconds="${BENCH_SECONDS:-10}" \
  -Dbench.concurrency="${BENCH_CONCURRENCY:-32}" -Dbench.warmup.rounds="${BENCH_WARMUP_ROUNDS:-10}" \
  -Dbench.service.jvm="${BENCH_SERVICE_JVM:--Xmx512m}" \
  -Dbench.service.log=$module/target/bench-service.log \
  -Dbench.service.classpath="$module/target/classes:$(cat $module/target/bench-service.classpath)" \
  -cp "$module/target/test-classes:$module/target/classes:$(cat $module/target/bench.classpath)" \
  dev.kairos.preferences.bench.PreferencesBench
