package dev.kairos.platform.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The consumers of a service ({@code kairos.consumers}): each binding (named after its function bean) reads one
 * topic of the catalogue; a record whose effect fails is tried {@code attempts} times with a backoff doubling
 * from {@code backoff} up to {@code max-backoff}, then moved to the service's dead-letter topic.
 */
@ConfigurationProperties("kairos.consumers")
public class ConsumersProperties {

    /** Logical name (in {@code kairos.topics.catalogue}) of the topic failed records are moved to. */
    private String deadLetters;
    /** Attempts of a record whose failure may pass (a database unreachable), the first one included. */
    private int attempts = 3;
    private Duration backoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(10);
    /** Exceptions, beyond decoding errors and {@link UnprocessableRecord}, that another attempt cannot cure. */
    private List<String> notRetryable = new ArrayList<>();
    /** Function bean name to what it reads. */
    private Map<String, Binding> bindings = new LinkedHashMap<>();

    public String getDeadLetters() { return deadLetters; }
    public void setDeadLetters(String deadLetters) { this.deadLetters = deadLetters; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public Duration getBackoff() { return backoff; }
    public void setBackoff(Duration backoff) { this.backoff = backoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public List<String> getNotRetryable() { return notRetryable; }
    public void setNotRetryable(List<String> notRetryable) { this.notRetryable = notRetryable; }
    public Map<String, Binding> getBindings() { return bindings; }
    public void setBindings(Map<String, Binding> bindings) { this.bindings = bindings; }

    /** Spring Cloud Stream's name of the input binding of a function. */
    static String inputBinding(String function) {
        return function + "-in-0";
    }

    public static class Binding {
        /** Logical name of the topic read (in {@code kairos.topics.catalogue}). */
        private String topic;
        /** Consumer group; by default {@code <spring.application.name>.<function>}. */
        private String group;

        public String getTopic() { return topic; }
        public void setTopic(String topic) { this.topic = topic; }
        public String getGroup() { return group; }
        public void setGroup(String group) { this.group = group; }
    }
}
