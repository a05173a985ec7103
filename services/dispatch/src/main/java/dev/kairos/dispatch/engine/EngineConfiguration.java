package dev.kairos.dispatch.engine;

import dev.kairos.dispatch.instances.FallbackSeal;
import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    /** Room left under the producer's request size for the batch, record and header overhead. */
    private static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    @Bean
    DeadLetterProducer deadLetterProducer(KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory) {
        return new DeadLetterProducer(kafkaClients.idempotentProducer("dispatch-dead-letters"), clientFactory);
    }

    /** What both lanes' engines are built from: the settings they share (ADR 0036). */
    @Bean
    Engines engines(TopicsProperties topics, TopicProvisioner topicsReady, AddressHmac addressHmac,
                    Clock clock, MeterRegistry meters, KafkaClientSettings kafkaClients,
                    @Value("${kairos.dispatch.state-dir}") String stateDir,
                    @Value("${kairos.dispatch.stream-threads:0}") int threads,
                    @Value("${kairos.dispatch.commit-interval:100ms}") Duration commitInterval,
                    @Value("${kairos.dispatch.priority-commit-interval:25ms}") Duration priorityCommitInterval,
                    @Value("${kairos.dispatch.advertised-host:localhost}") String advertisedHost,
                    @Value("${kairos.dispatch.instance-id:}") String instanceId,
                    @Value("${kairos.dispatch.schedule-poll:250ms}") Duration schedulePoll,
                    @Value("${kairos.dispatch.max-fired-per-run:5000}") int maxFiredPerRun,
                    @Value("${kairos.dispatch.request-id-retention:30d}") Duration requestIdRetention,
                    @Value("${kairos.dispatch.request-id-purge-every:1h}") Duration requestIdPurgeEvery,
                    @Value("${kairos.dispatch.status-retention:90d}") Duration statusRetention,
                    @Value("${kairos.dispatch.status-purge-every:1h}") Duration statusPurgeEvery,
                    @Value("${kairos.dispatch.rocksdb.block-cache-bytes:67108864}") long blockCacheBytes,
                    @Value("${kairos.dispatch.rocksdb.write-buffer-bytes:16777216}") long writeBufferBytes,
                    @Value("${kairos.dispatch.max-record-bytes:1048576}") int maxRecordBytes,
                    @Value("${kairos.confirmations.catalogue-topic:consent-confirmation}") String confirmationTopic,
                    DeadLetterProducer deadLetterProducer, FallbackSeal fallbackSeal, Environment environment) {
        Properties settings = kafkaClients.streams();
        settings.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        // As many stream threads as cores unless configured (ADR 0045): one thread leaves a core idle while it waits
        // on RocksDB, a commit or the broker.
        settings.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads > 0 ? threads : Runtime.getRuntime().availableProcessors());
        settings.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) topics.getReplicationFactor());
        DeadLetters.install(settings, new DeadLetterRoute(topics, deadLetterProducer, meters));
        // One limit for what the producer sends and what the engine forwards: a larger send is rejected
        // TOO_LARGE before it is written, with room left for the batch and header overhead.
        settings.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxRecordBytes);
        // Both lanes' stores share one bounded cache and write buffer in the process.
        settings.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedMemoryRocksDb.class);
        settings.put(BoundedMemoryRocksDb.CACHE_BYTES, blockCacheBytes);
        settings.put(BoundedMemoryRocksDb.WRITE_BUFFER_BYTES, writeBufferBytes);
        Gauge.builder("kairos.dispatch.rocksdb.memory", BoundedMemoryRocksDb::usage).baseUnit("bytes")
                .description("off-heap memory of every RocksDB store of the instance (shared cache, write buffers included)")
                .register(meters);
        EngineSettings tunables = new EngineSettings(schedulePoll, maxFiredPerRun, requestIdRetention,
                requestIdPurgeEvery, maxRecordBytes - RECORD_OVERHEAD_BYTES, statusRetention, statusPurgeEvery,
                confirmationTopic, fallbackSeal);
        return (lane, applicationId) -> {
            Properties laneSettings = new Properties();
            laneSettings.putAll(settings);
            laneSettings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            // What a decision waits for before a reader sees it (exactly once: its transaction's commit), and how
            // often each store's memtable is flushed: a campaign may wait longer, a SERVICE message not (ADR 0045).
            laneSettings.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    (lane == Lane.PRIORITY ? priorityCommitInterval : commitInterval).toMillis());
            DecisionEngine engine = new DecisionEngine(DecisionTopology.build(topics, addressHmac, clock,
                    new DecisionMetrics(meters, lane), tunables, lane), laneSettings,
                    advertisedHost, instanceId, environment, meters);
            Set<String> queued = Set.of(topics.name(lane.inbox()),
                    applicationId + "-" + DecisionTopology.REQUESTS_BY_CUSTOMER + "-repartition");
            Gauge.builder("kairos.dispatch.lane.backlog", engine,
                            e -> e.streams() == null ? 0 : LaneBacklog.of(e.streams().metrics(), queued))
                    .tag("lane", lane.tag())
                    .description("requests waiting to be decided: the lane's consumer lag on its inbox and repartition topic")
                    .register(meters);
            return engine;
        };
    }

    /** The ordinary lane: what the API reads (statuses of both lanes, customer data, the catalogue). */
    @Bean
    @Primary
    DecisionEngine decisionEngine(Engines engines, @Value("${kairos.dispatch.application-id}") String applicationId) {
        return engines.of(Lane.ORDINARY, applicationId);
    }

    /** The priority lane: SERVICE requests, decided apart from any campaign (ADR 0036). */
    @Bean
    DecisionEngine priorityDecisionEngine(Engines engines,
                                          @Value("${kairos.dispatch.priority-application-id}") String applicationId) {
        return engines.of(Lane.PRIORITY, applicationId);
    }

    @FunctionalInterface
    interface Engines {
        DecisionEngine of(Lane lane, String applicationId);
    }

    /** The look-ups of the ordinary lane, which also folds the statuses of both lanes' requests. */
    @Bean
    @Primary
    DispatchQueries dispatchQueries(DecisionEngine engine) {
        return new StoreQueries(engine);
    }

    /** The look-ups of the priority lane: what it holds on a customer belongs in their data export too. */
    @Bean
    DispatchQueries priorityDispatchQueries(@Qualifier("priorityDecisionEngine") DecisionEngine engine) {
        return new StoreQueries(engine);
    }

    @Bean
    HealthIndicator decisionEngineHealthIndicator(DecisionEngine engine) {
        return () -> EngineHealth.of(engine.state(), engine.ranSinceStart(), engine.streamThreads());
    }

    @Bean
    HealthIndicator priorityDecisionEngineHealthIndicator(
            @Qualifier("priorityDecisionEngine") DecisionEngine engine) {
        return () -> EngineHealth.of(engine.state(), engine.ranSinceStart(), engine.streamThreads());
    }
}
