package dev.kairos.dispatch.engine;

import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Runs the decision topology for as long as the service runs. It
 * leaves the group when it stops, rebuilds a state folder the broker no longer matches, and starts Kafka
 * Streams again when it ends in ERROR (ADR 0014). Look-ups in its stores are {@link StoreQueries}'.
 */
public class DecisionEngine implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DecisionEngine.class);

    /** How long a stopping instance waits for its threads, and then to be removed from the group. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_RECOVERY_PAUSE = Duration.ofMinutes(1);

    private final Topology topology;
    private final Properties settings;
    private final String advertisedHost;
    private final String instanceId;
    private final Environment environment;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private volatile Properties running;
    private volatile boolean stopping;
    /** Whether the current Kafka Streams client has been RUNNING since it was started. */
    private volatile boolean ranSinceStart;
    private final AtomicInteger recoveries = new AtomicInteger();
    private final AtomicBoolean recovering = new AtomicBoolean();
    private final ScheduledExecutorService recovery = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "decision-engine-recovery");
        thread.setDaemon(true);
        return thread;
    });

    private final MeterRegistry meters;
    private volatile KafkaStreamsMetrics streamsMetrics;

    /** @param instanceId this instance's static member id; blank: {@code <advertisedHost>-<port>} */
    DecisionEngine(Topology topology, Properties settings, String advertisedHost, String instanceId,
                   Environment environment, MeterRegistry meters) {
        this.instanceId = instanceId;
        this.meters = meters;
        this.topology = topology;
        this.settings = settings;
        this.advertisedHost = advertisedHost;
        this.environment = environment;
    }

    /** After the web server: the port other instances forward status look-ups to is known only then. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized void start() {
        int port = Integer.parseInt(environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8082")));
        self = new HostInfo(advertisedHost, port);
        Properties withServer = new Properties();
        withServer.putAll(settings);
        withServer.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + port);
        // A static member (one per instance: its host and port identify it) can be removed from the group
        // when it stops (ADR 0014): the next instance then gets its tasks at once, not after the session timeout.
        withServer.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG),
                instanceId.isBlank() ? instanceId(advertisedHost, port) : instanceId);
        running = withServer;
        stopping = false;
        launch();
    }

    /** A group instance id from host and port, in the characters Kafka allows. */
    static String instanceId(String host, int port) {
        return (host + "-" + port).replaceAll("[^a-zA-Z0-9._-]", "_");
    }

    private void launch() {
        KafkaStreams next = new KafkaStreams(topology, running);
        ranSinceStart = false;
        if (hasStaleCheckpoints()) {
            next.cleanUp();
        }
        next.setUncaughtExceptionHandler(e -> {
            // The handler runs on the failing thread. The global thread cannot be replaced (Kafka Streams
            // 4.1 fails with a ClassCastException if asked to): the client stops in ERROR, and is restarted.
            if (Thread.currentThread().getName().endsWith("-GlobalStreamThread")) {
                log.error("The decision engine's global thread failed; stopping it to start again", e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            log.error("Decision stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        next.setStateListener((newState, oldState) -> {
            // Only the current instance's failure, once: closing a failed instance reports ERROR again.
            if (newState == KafkaStreams.State.ERROR && !stopping && next == streams && recovering.compareAndSet(false, true)) {
                scheduleRecovery();
            } else if (newState == KafkaStreams.State.RUNNING && next == streams) {
                recoveries.set(0);
                ranSinceStart = true;
            }
        });
        // Kafka Streams' own client metrics (consumer lag among them) as kafka.* meters, with the tag names of the
        // service's other Kafka clients (KafkaClientFactory.SPRING_ID): meters of one name share their tag names.
        streamsMetrics = new KafkaStreamsMetrics(next, List.of(Tag.of(KafkaClientFactory.SPRING_ID,
                settings.getProperty(StreamsConfig.APPLICATION_ID_CONFIG))));
        streamsMetrics.bindTo(meters);
        streams = next;
        next.start();
    }

    /**
     * Whether the local state folder checkpointed offsets the broker does not have (its data was wiped, the
     * folder kept). Kafka Streams would trust them and fail; the folder is rebuilt from the changelogs instead.
     */
    private boolean hasStaleCheckpoints() {
        Path folder = Path.of(running.getProperty(StreamsConfig.STATE_DIR_CONFIG),
                running.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
        Map<TopicPartition, Long> checkpointed = StaleCheckpoints.checkpointed(folder);
        if (checkpointed.isEmpty()) {
            return false;
        }
        Map<String, Object> streamsSettings = new HashMap<>();
        running.forEach((key, value) -> streamsSettings.put(String.valueOf(key), value));
        // Connects as the Streams application does: the same servers, security protocol, TLS and SASL settings.
        try (Admin admin = Admin.create(KafkaClientSettings.connectionOf(streamsSettings))) {
            List<TopicPartition> stale = StaleCheckpoints.stale(checkpointed,
                    StaleCheckpoints.endOffsets(admin, checkpointed.keySet(), BROKER_TIMEOUT));
            if (!stale.isEmpty()) {
                log.warn("The local state folder {} checkpointed offsets the broker does not have ({}: {}); "
                        + "deleting it to restore the state from the changelogs", folder, stale.size(), stale);
            }
            return !stale.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // Without an answer, start as before: Kafka Streams waits for the broker itself.
            log.warn("Could not compare the local state folder's checkpoints with the broker: {}", e.toString());
            return false;
        }
    }

    /** Waits longer after each failure in a row (1 s, 2 s, 4 s ... at most a minute), then starts again. */
    private void scheduleRecovery() {
        int attempt = recoveries.incrementAndGet();
        long pauseMillis = Math.min(MAX_RECOVERY_PAUSE.toMillis(), 1000L << Math.min(attempt - 1, 6));
        log.error("The decision engine stopped in ERROR; starting it again in {} ms (attempt {})", pauseMillis, attempt);
        recovery.schedule(this::recover, pauseMillis, TimeUnit.MILLISECONDS);
    }

    /** Closes the failed instance and starts a new one on the same settings, checking the state folder again. */
    private synchronized void recover() {
        try {
            if (!stopping) {
                close(streams);
                launch();
            }
        } finally {
            recovering.set(false);
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        close(streams);
    }

    private void close(KafkaStreams instance) {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (instance != null) {
            instance.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(CLOSE_TIMEOUT));
        }
    }

    /** Started and not stopped: an engine in ERROR is being started again, and must still be stopped with the service. */
    @Override
    public boolean isRunning() {
        return streams != null && !stopping;
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    boolean ranSinceStart() {
        return ranSinceStart;
    }

    /** The stream threads alive in the current client (a failed one is replaced, see {@link #launch}). */
    int streamThreads() {
        KafkaStreams current = streams;
        if (current == null) {
            return 0;
        }
        try {
            return current.metadataForLocalThreads().size();
        } catch (RuntimeException closing) {
            return 0;
        }
    }

    /** The running Kafka Streams client, for {@link StoreQueries}; null before the engine starts. */
    KafkaStreams streams() {
        return streams;
    }

    /** This instance's address as the other instances know it; null before the engine starts. */
    HostInfo self() {
        return self;
    }
}
