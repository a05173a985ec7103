package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class LaneBacklogTest {

    private final Map<MetricName, Metric> metrics = new HashMap<>();

    @Test
    void sumsTheLagOfTheLanesTopicsOnly() {
        lag("consumer-fetch-manager-metrics", "dispatch.requests.v1", 0, 120);
        lag("consumer-fetch-manager-metrics", "dispatch.requests.v1", 1, 30);
        lag("consumer-fetch-manager-metrics", "decisions-requests-by-customer-repartition", 0, 7);
        lag("consumer-fetch-manager-metrics", "preferences.contact-preferences.v1", 0, 1_000);
        lag("consumer-fetch-manager-metrics", "dispatch.requests.v1", 2, Double.NaN);
        lag("restore-consumer-metrics", "dispatch.requests.v1", 0, 500);

        assertThat(LaneBacklog.of(metrics, Set.of("dispatch.requests.v1", "decisions-requests-by-customer-repartition")))
                .isEqualTo(157);
    }

    private void lag(String group, String topic, int partition, double value) {
        MetricName name = new MetricName("records-lag", group, "", Map.of("topic", topic,
                "partition", Integer.toString(partition), "client-id", "c-" + metrics.size()));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }
}
