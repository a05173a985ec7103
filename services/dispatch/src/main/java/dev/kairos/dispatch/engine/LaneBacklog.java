package dev.kairos.dispatch.engine;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A lane's backlog on this instance: the requests its consumers have yet to read from the lane's inbox and from its
 * by-customer repartition topic, the sum of their {@code records-lag} per assigned partition (Kafka's consumer
 * metrics, as Kafka Streams reports them).
 */
final class LaneBacklog {

    private LaneBacklog() {
    }

    static double of(Map<MetricName, ? extends Metric> metrics, Set<String> topics) {
        double backlog = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("records-lag") && name.group().equals("consumer-fetch-manager-metrics")
                    && topics.contains(name.tags().get("topic"))
                    && metric.getValue().metricValue() instanceof Number lag && !Double.isNaN(lag.doubleValue())) {
                backlog += lag.doubleValue();
            }
        }
        return backlog;
    }
}
