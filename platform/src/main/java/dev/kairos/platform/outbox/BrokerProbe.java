package dev.kairos.platform.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;

/**
 * Tells the relay whether the cluster answers at all, so that a row failing alone is counted against
 * the row only while Kafka is otherwise reachable: when the broker is down, every row fails and none
 * is to blame.
 */
public class BrokerProbe implements AutoCloseable {

    private final Map<String, Object> adminSettings;
    private final Duration timeout;
    private Admin admin;

    public BrokerProbe(Map<String, Object> adminSettings, Duration timeout) {
        this.adminSettings = adminSettings;
        this.timeout = timeout;
    }

    /** True when a broker described the cluster within the timeout. */
    public synchronized boolean reachable() {
        try {
            if (admin == null) {
                admin = Admin.create(adminSettings);
            }
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
    }
}
