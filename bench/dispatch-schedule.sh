#!/usr/bin/env bash
# 1,000,000 messages due at the same 08:00 local, through dispatch's real topology on a real (KRaft) broker.
# Prints how long they take to fire and the peak schedule backlog.
# Usage: bench/dispatch-schedule.sh [messages=1000000] [customers=10000]
# BENCH_PATIENCE (ISO-8601, default PT30M) bounds each phase; an overrun prints how far it got and exits 2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl services/dispatch -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd services/dispatch
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.kairos.dispatch.ScheduleBench "$@"
