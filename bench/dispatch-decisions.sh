#!/usr/bin/env bash
# Decisions per second through dispatch's real decision topology on a real (KRaft) broker, against a Kafka Streams
# pass-through measured in the same run on the same broker.
#
# Seeds N customers (preferences and an email opt-in, through the preferences and consents topics, and the
# catalogue), then puts M marketing email requests on the requests inbox; dispatch decides them exactly once as the
# service does (channel ends off). Then a Kafka Streams exactly-once pass-through moves M records of the same size
# and keys. Each phase is warmed up first (a tenth of M, at most 100,000 records). Prints:
#   - decisions per second (M / time from the first request produced to the last send visible to a read-committed
#     reader of the send queue) and the ratio to the pass-through measured the same way;
#   - decision latency p50 and p99: from a request's production (its record timestamp, which Kafka Streams carries
#     to the send) to its send becoming visible on the send queue, queueing behind the backlog included;
#   - the CPU time per 1,000 records in the bench's JVM and in the broker, for both (on a shared machine it moves
#     less than the wall clock);
#   - the process's memory after the decisions: heap, RSS and its peak (/proc/self/status), and the RocksDB block
#     cache all stores share (write buffers are charged to it). Dispatch runs in the bench's JVM (-Xmx1g).
# and writes a JSON result and a PNG chart (records per second over time) to bench/results/ (git-ignored).
#
# Usage: bench/dispatch-decisions.sh [requests=1000000] [customers=100000] [--service-probe] [--<dispatch setting>=<value>...]
#   --service-probe  also posts SERVICE requests to the REST API at 10 per second while the campaign drains and
#                    reports their latency from acceptance to their send on the priority lane's send queue
#                    (dispatch.internal.priority-send-email.v1; the channel ends are off).
#   --<setting>=<value>  a setting of dispatch, e.g. --kairos.dispatch.stream-threads=1 or
#                    --kairos.dispatch.commit-interval=1s, to compare tunings on the same machine.
# BENCH_PATIENCE (ISO-8601, default PT30M) bounds each phase; an overrun prints how far it got and exits 2.
# BENCH_JAVA_OPTS adds JVM options, e.g. a flight recording of the run:
#   BENCH_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/decisions.jfr,settings=profile" bench/dispatch-decisions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -o -pl services/dispatch -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
export BENCH_RESULTS="$PWD/bench/results"
cd services/dispatch
# shellcheck disable=SC2086
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    dev.kairos.dispatch.DecisionBench "$@"
