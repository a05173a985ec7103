package dev.kairos.platform.testing;

/** A reachable Kafka cluster, whichever way it was provided. */
public interface KafkaCluster {

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    String bootstrapServers();
}
