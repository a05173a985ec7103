package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The priority lane (ADR 0036): a SERVICE message accepted while a campaign of 100,000 MARKETING requests waits
 * in the inbox goes out before most of them are even decided. The campaign is made visible all at once (one
 * transaction), so every one of its requests is waiting when the SERVICE message is accepted; its customers have
 * no consent, so the campaign costs decisions but sends nothing.
 */
class PriorityLaneIT extends DecisionFlowContext {

    private static final int CAMPAIGN = 100_000;
    private static final int CUSTOMERS = 50;
    private static final String MARKETING = "lane-offers-" + RUN;
    private static final String SERVICE = "lane-password-" + RUN;
    private static final String RESET_CUSTOMER = "c-lane-reset-" + RUN;

    @Test
    void aServiceMessageAcceptedWhileACampaignWaitsIsSentBeforeIt() throws Exception {
        publishCatalogueAndCustomers();
        // SERVICE messages until one is out: the priority lane, its replicas and its sender are then running.
        AtomicInteger attempt = new AtomicInteger();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            String warmUp = "lane-" + RUN + ":warm-up-" + attempt.incrementAndGet();
            assertThat(api().post(reset(warmUp)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Files.exists(sent(warmUp)));
            return true;
        });

        try (CampaignOutcomes outcomes = new CampaignOutcomes()) {
            publishCampaign();
            String reset = "lane-" + RUN + ":reset";
            assertThat(api().post(reset(reset)).statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(sent(reset)));

            assertThat(outcomes.upToNow()).as("campaign requests decided before the SERVICE message went out")
                    .isLessThan(CAMPAIGN / 2);
            assertThat(Files.readString(sent(reset))).contains("To: " + RESET_CUSTOMER + "@example.fr");
            // The campaign is then decided in full, and the shared dispatch is quiet again for the next tests.
            await().atMost(Duration.ofMinutes(3)).until(() -> outcomes.upToNow() >= CAMPAIGN);
        }
    }

    private void publishCatalogueAndCustomers() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(topics.name("topics"), MARKETING,
                    KairosSerdes.topicCatalogueEntry().encode(topic(MARKETING, TopicCategory.MARKETING))));
            producer.send(new ProducerRecord<>(topics.name("topics"), SERVICE,
                    KairosSerdes.topicCatalogueEntry().encode(topic(SERVICE, TopicCategory.SERVICE))));
            producer.send(new ProducerRecord<>(topics.name("contact-preferences"), RESET_CUSTOMER,
                    KairosSerdes.contactPreferences().encode(DecisionFlowIT.preferences(RESET_CUSTOMER))));
            for (int i = 0; i < CUSTOMERS; i++) {
                producer.send(new ProducerRecord<>(topics.name("contact-preferences"), customer(i),
                        KairosSerdes.contactPreferences().encode(DecisionFlowIT.preferences(customer(i)))));
            }
            producer.flush();
        }
    }

    /** The campaign, produced as a campaign system would: batched, compressed, and committed as one transaction. */
    private void publishCampaign() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.serializer", StringSerializer.class, "value.serializer", ByteArraySerializer.class,
                "linger.ms", 20, "batch.size", 256 * 1024, "compression.type", "lz4",
                "transactional.id", "lane-it-campaign-" + RUN,
                // Writing 100,000 records may outlast the default minute on a busy machine; the broker would abort.
                "transaction.timeout.ms", 300_000))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < CAMPAIGN; i++) {
                String customer = customer(i % CUSTOMERS);
                producer.send(new ProducerRecord<>(topics.name("requests"), customer, KairosSerdes.sendMessage().encode(
                        SendMessage.newBuilder().setRequestId("lane-" + RUN + ":offer-" + i).setCustomerId(customer)
                                .setTopic(MARKETING).setCampaignId("lane-" + RUN)
                                .setContent(Map.of("EMAIL", MessageContent.newBuilder().setSubject("-30 %")
                                        .setText("{{salutation}}, -30 % ce week-end.").build()))
                                .build())));
            }
            producer.commitTransaction();
        }
    }

    /** Counts the campaign's outcomes as a campaign system reading the outcomes topic sees them. */
    private final class CampaignOutcomes implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafka().bootstrapServers(),
                "key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class,
                "isolation.level", "read_committed", "max.poll.records", 5_000));
        private final List<TopicPartition> partitions;
        private long counted;

        CampaignOutcomes() {
            partitions = consumer.partitionsFor(topics.name("outcomes")).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** The campaign's outcomes committed up to now. */
        long upToNow() {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    MessageOutcome outcome = KairosSerdes.messageOutcome().decode(record.value());
                    counted += MARKETING.equals(outcome.getTopic()) ? 1 : 0;
                }
            }
            return counted;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static String reset(String requestId) {
        return """
                {"requestId": "%s", "customerId": "%s", "topic": "%s",
                 "content": {"EMAIL": {"subject": "Votre code", "text": "{{salutation}}, votre code : 123456"}}}"""
                .formatted(requestId, RESET_CUSTOMER, SERVICE);
    }

    private static Path sent(String requestId) {
        return SINKS.resolve("email").resolve(requestId.replace(':', '_') + ".email.eml");
    }

    private static String customer(int i) {
        return "c-lane-" + RUN + "-" + i;
    }

    private static TopicCatalogueEntry topic(String id, TopicCategory category) {
        return TopicCatalogueEntry.newBuilder().setEventId(UUID.randomUUID().toString()).setTopicId(id).setName(id)
                .setCategory(category).setPurpose(id).setUrgent(category == TopicCategory.SERVICE)
                .setDefaultChannels(List.of(Channel.EMAIL)).setUpdatedAt(Instant.now()).build();
    }

}
