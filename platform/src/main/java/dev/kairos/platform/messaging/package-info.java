/**
 * How a Kairos service consumes a topic: a Spring Cloud Stream functional binding on the Kafka binder, with
 * bounded retries, the service's dead-letter topic, a dead-letter count and its state in readiness (ADR 0018).
 *
 * <p>To add a consumer:
 * <ol>
 *   <li>In the feature's {@code .messaging} package, a {@code @Configuration} with one {@code @Bean} of type
 *       {@code Consumer<Message<byte[]>>}, built with {@link dev.kairos.platform.messaging.KairosConsumers#values}
 *       (every record carries a value) or {@link dev.kairos.platform.messaging.KairosConsumers#keyed} (a compacted
 *       topic: key, and value or null for a tombstone) and the topic's serde from {@code KairosSerdes}. The
 *       function only translates the record and calls the feature's application service, which applies it in
 *       one transaction with {@code AppliedEvents.markApplied}, so a redelivered record changes nothing.</li>
 *   <li>In the service's {@code application.yml}, under {@code kairos.consumers}: {@code dead-letters} (the
 *       logical name of the service's dead-letter topic, also in {@code kairos.topics.provision}) and
 *       {@code bindings.<bean name>: {topic: <logical topic>, group: <consumer group>}}.</li>
 *   <li>In the readiness group: {@code management.endpoint.health.group.readiness.include: readinessState,
 *       consumerBindings}.</li>
 * </ol>
 * The binding is then named {@code <bean name>-in-0}. Throw {@link dev.kairos.platform.messaging.UnprocessableRecord}
 * for a record no attempt can apply (it goes to the dead-letter topic at once); any other exception is retried
 * ({@code kairos.consumers.attempts}, 3, backoff 1 s doubling to 10 s), then dead-lettered.
 * {@code kairos.consumers.not-retryable} lists a service's own exceptions that another attempt cannot cure.
 */
package dev.kairos.platform.messaging;
