package dev.kairos.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Creates the Kafka producers and consumers a service writes by hand (those no Spring Cloud Stream binding and no
 * Streams application owns), so an operator sees them as the others: each client's own metrics, a consumer's
 * {@code records-lag} among them, are on the meter registry ({@code kafka.consumer.fetch.manager.records.lag},
 * {@code kafka.producer.record.send.total}, ...) tagged by the client's {@code client.id}, from its creation until
 * it is closed; meters that appear while it runs (a partition's lag once it is assigned) within {@code refresh}.
 * They also carry {@code spring.id} (the client id again), as the bindings' clients do: Micrometer's Kafka binder
 * drops or replaces meters of one name whose tag names differ, so every Kafka client of a service shares them.
 *
 * <p>The client handed out is the Kafka client itself behind an interface view that closes its meters with it
 * (a producer made anew after a failure leaves no meters behind) and writes the trace current on the sending
 * thread into each record's headers ({@link KafkaTraceHeaders}).
 */
public class KafkaClientFactory {

    /** The tag Spring Kafka gives its clients' meters: every Kafka client of a service carries it. */
    public static final String SPRING_ID = "spring.id";

    private final MeterRegistry meters;
    private final Duration refresh;
    private final KafkaTraceHeaders traceHeaders;

    public KafkaClientFactory(MeterRegistry meters, Duration refresh, KafkaTraceHeaders traceHeaders) {
        this.meters = meters;
        this.refresh = refresh;
        this.traceHeaders = traceHeaders;
    }

    /** A producer built from {@code settings} (see {@link KafkaClientSettings}), its meters bound until closed. */
    @SuppressWarnings("unchecked")
    public <K, V> Producer<K, V> producer(Map<String, Object> settings) {
        KafkaProducer<K, V> producer = new KafkaProducer<>(settings);
        ScheduledExecutorService refresher = refresher();
        return (Producer<K, V>) metered(Producer.class, producer,
                new KafkaClientMetrics(producer, tags(settings), refresher, refresh), refresher);
    }

    /** A consumer built from {@code settings} (see {@link KafkaClientSettings}), its meters bound until closed. */
    @SuppressWarnings("unchecked")
    public <K, V> Consumer<K, V> consumer(Map<String, Object> settings) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(settings);
        ScheduledExecutorService refresher = refresher();
        return (Consumer<K, V>) metered(Consumer.class, consumer,
                new KafkaClientMetrics(consumer, tags(settings), refresher, refresh), refresher);
    }

    /** The tag names every Kafka client's meters carry besides Kafka's own (see {@link #SPRING_ID}). */
    private static List<Tag> tags(Map<String, Object> settings) {
        return List.of(Tag.of(SPRING_ID, String.valueOf(settings.get(CommonClientConfigs.CLIENT_ID_CONFIG))));
    }

    /** One daemon thread per client, stopped with it: the meters' refresh task is not cancelled otherwise. */
    private static ScheduledExecutorService refresher() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kafka-client-meters");
            thread.setDaemon(true);
            return thread;
        });
    }

    private Object metered(Class<?> view, Object client, KafkaClientMetrics metrics, ScheduledExecutorService refresher) {
        metrics.bindTo(meters);
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getName().equals("send") && arguments[0] instanceof ProducerRecord<?, ?> record) {
                traceHeaders.inject(record.headers());
            }
            try {
                return method.invoke(client, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (method.getName().equals("close")) {
                    refresher.shutdownNow();
                    metrics.close();
                }
            }
        };
        return Proxy.newProxyInstance(view.getClassLoader(), new Class<?>[] {view}, handler);
    }
}
