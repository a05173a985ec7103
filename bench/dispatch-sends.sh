#!/usr/bin/env bash
# Emails and SMS per second through dispatch's channel ends as the local run has them: approved sends on the
# send queues of a real (KRaft) broker, each re-checked, marked, handed over and recorded in its own Kafka
# transaction, to the embedded SMTP server (GreenMail) and to the SMSC simulator over SMPP.
# Usage: bench/dispatch-sends.sh [emails=2000] [sms=2000]
# BENCH_PATIENCE (ISO-8601, default PT15M) bounds each phase; an overrun prints how far it got and exits 2.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl services/dispatch -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cd services/dispatch
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.kairos.dispatch.SendBench "$@"
