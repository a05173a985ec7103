/** The Kafka Streams application that decides every request from dispatch's replicas of preferences and consents. */
package dev.kairos.dispatch.engine;
