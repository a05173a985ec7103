package dev.kairos.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.platform.testing.KraftBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Every Kafka client of a service takes its security from {@code spring.kafka.*} through
 * {@link KafkaClientSettings}: against a broker that authenticates with SASL/SCRAM-SHA-512 and enforces ACLs
 * (KRaft's StandardAuthorizer), each service works with its own user and the ACLs docs/security.md lists, and
 * nothing more; a client without ACLs, or with a wrong password, is refused.
 */
class KafkaScramAclsIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** A topic of preferences' (its names start with {@code preferences.}), read by dispatch. */
    private static final String SNAPSHOTS = "preferences.it-snapshots-" + RUN + ".v1";
    private static final String PREFERENCES_OUTBOX = "preferences-outbox";

    private static KraftBroker broker;
    private static Admin operator;

    @BeforeAll
    static void securedBroker() throws Exception {
        broker = KraftBroker.startWithScramAndAcls(Files.createTempDirectory("kairos-scram-"));
        operator = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
        List<UserScramCredentialUpsertion> users = new ArrayList<>();
        for (String user : List.of("preferences", "dispatch", "stranger")) {
            users.add(new UserScramCredentialUpsertion(user,
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user)));
        }
        operator.alterUserScramCredentials(new ArrayList<>(users)).all().get();
        operator.createAcls(List.of(
                // preferences: creates, describes and writes its own topics, and relays its outbox transactionally.
                allow("preferences", ResourceType.TOPIC, "preferences.", PatternType.PREFIXED, AclOperation.CREATE),
                allow("preferences", ResourceType.TOPIC, "preferences.", PatternType.PREFIXED, AclOperation.DESCRIBE),
                allow("preferences", ResourceType.TOPIC, "preferences.", PatternType.PREFIXED, AclOperation.WRITE),
                allow("preferences", ResourceType.TRANSACTIONAL_ID, PREFERENCES_OUTBOX, PatternType.LITERAL, AclOperation.WRITE),
                allow("preferences", ResourceType.TRANSACTIONAL_ID, PREFERENCES_OUTBOX, PatternType.LITERAL, AclOperation.DESCRIBE),
                // dispatch: reads preferences' topics in its own consumer groups.
                allow("dispatch", ResourceType.TOPIC, "preferences.", PatternType.PREFIXED, AclOperation.READ),
                allow("dispatch", ResourceType.TOPIC, "preferences.", PatternType.PREFIXED, AclOperation.DESCRIBE),
                allow("dispatch", ResourceType.GROUP, "dispatch", PatternType.PREFIXED, AclOperation.READ)))
                .all().get();
    }

    @AfterAll
    static void stop() {
        if (operator != null) {
            operator.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theOutboxRelayOfOneServiceWritesAndAConsumerOfAnotherReadsEachWithItsOwnUser() throws Exception {
        KafkaClientSettings preferences = settings("preferences", password("preferences"));
        try (Admin provisioner = Admin.create(preferences.admin())) {
            provisioner.createTopics(List.of(new NewTopic(SNAPSHOTS, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, byte[]> relay = new KafkaProducer<>(preferences.transactionalProducer(PREFERENCES_OUTBOX))) {
            relay.initTransactions();
            relay.beginTransaction();
            relay.send(new ProducerRecord<>(SNAPSHOTS, "c-42", "snapshot".getBytes(StandardCharsets.UTF_8))).get();
            relay.commitTransaction();
        }

        KafkaClientSettings dispatch = settings("dispatch", password("dispatch"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(dispatch.consumer("dispatch.it-" + RUN))) {
            consumer.subscribe(List.of(SNAPSHOTS));
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).extracting(ConsumerRecord::key).containsExactly("c-42");
        }

        try (KafkaProducer<String, byte[]> notItsTopic = new KafkaProducer<>(dispatch.idempotentProducer("dispatch-it"))) {
            assertThatThrownBy(() -> notItsTopic.send(new ProducerRecord<>(SNAPSHOTS, "c-42", new byte[0])).get())
                    .as("dispatch may read preferences' topic, not write it").hasRootCauseInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aUserWithoutAclsAndAWrongPasswordAreRefused() {
        KafkaClientSettings stranger = settings("stranger", password("stranger"));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(stranger.consumer("dispatch.stranger-" + RUN))) {
            TopicPartition partition = new TopicPartition("preferences.contact-preferences.v1", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            assertThatThrownBy(() -> {
                for (int i = 0; i < 50; i++) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(AuthorizationException.class);
        }

        KafkaClientSettings impostor = settings("preferences", "not-the-password");
        try (Admin admin = Admin.create(impostor.admin())) {
            assertThatThrownBy(() -> admin.listTopics().names().get())
                    .hasRootCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    /** The settings a service builds from its {@code spring.kafka.*} configuration, here SASL/SCRAM as its user. */
    private static KafkaClientSettings settings(String user, String password) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.saslBootstrapServers()));
        kafka.getSecurity().setProtocol("SASL_PLAINTEXT");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                + "username=\"" + user + "\" password=\"" + password + "\";");
        return new KafkaClientSettings(kafka);
    }

    private static String password(String user) {
        return user + "-secret-" + RUN;
    }

    private static AclBinding allow(String user, ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW));
    }
}
