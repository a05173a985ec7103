#!/usr/bin/env bash
# Compliance figures (issue 4): consent events recorded per second (one per transaction, and batched as a
# consumer does), verification time and export time and peak heap for a ledger of 1,000,000 entries.
# Runs against embedded PostgreSQL and a forked Kafka broker unless KAIROS_DB_URL / KAFKA_BOOTSTRAP_SERVERS
# name running ones. The benchmark JVM gets -Xmx256m: an export that held its range in memory fails.
#
#   bench/compliance.sh                      # 1,000,000 entries
#   ENTRIES=100000 bench/compliance.sh       # a quicker run
#   BENCH_JAVA_OPTS="-Dkairos.bench.batched=500000 -XX:StartFlightRecording=filename=bench.jfr,settings=profile" \
#       bench/compliance.sh                  # a longer batched phase (default 200,000 events), profiled
# Per-statement times need a PostgreSQL started with shared_preload_libraries=pg_stat_statements, named by
# KAIROS_DB_URL; the embedded one prints commits and WAL only.
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=services/compliance/target/bench.classpath
# Builds proto, platform and compliance in the reactor (nothing is installed in ~/.m2) and writes the
# compliance test classpath, which resolves the upstream modules to their target/classes.
mvn -B -q ${MAVEN_OFFLINE:--o} -pl services/compliance -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

exec java -Xmx256m -XX:+UseG1GC ${BENCH_JAVA_OPTS:-} \
    -Dkairos.bench.entries="${ENTRIES:-1000000}" \
    -cp "services/compliance/target/test-classes:services/compliance/target/classes:$(cat "$classpath_file")" \
    dev.kairos.compliance.bench.ComplianceBench
