/** One source of Kafka client settings, built on spring.kafka.*, for every producer, consumer, admin and Streams client. */
package dev.kairos.platform.kafka;
