package dev.kairos.e2e;

import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.testing.KraftBroker;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import tools.jackson.databind.JsonNode;

/**
 * The three services on a broker that authenticates every client with SASL/SCRAM-SHA-512 and enforces ACLs
 * (KRaft's StandardAuthorizer), each with its own user and exactly the ACLs docs/security.md lists ("Kafka users
 * and ACLs", mirrored row by row in {@link #ACLS}); started as {@code ./kairos run} starts them, told only
 * {@code spring.kafka.security.protocol}, {@code spring.kafka.properties.sasl.*} and their own credentials.
 *
 * <p>The README's walkthrough then runs through all of them (a topic, two customers' preferences, an email consent,
 * a message SENT and one SUPPRESSED), the preference centre shows the ledger's consent, and a one-click opt-out
 * travels from preferences through compliance to dispatch and preferences again: every outbox relay, topic
 * provisioner, consumer binding, dead-letter producer, the Kafka Streams application and the channel senders work,
 * and the broker denied none of the services anything. A user without ACLs can neither read a service's topic nor
 * write one, and compliance's user cannot do preferences' work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaAclsE2EIT {

    private static final String PREFERENCES = "preferences";
    private static final String COMPLIANCE = "compliance";
    private static final String DISPATCH = "dispatch";
    private static final String STRANGER = "stranger";
    private static final String RUN = UUID.randomUUID().toString();

    /** docs/security.md, "Kafka users and ACLs", row by row: what each service's user may do, and nothing else. */
    private static final List<Acl> ACLS = List.of(
            new Acl(PREFERENCES, TOPIC, PREFIXED, "preferences.", CREATE, DESCRIBE, WRITE),
            new Acl(PREFERENCES, TOPIC, LITERAL, "compliance.erasures.v1", CREATE, DESCRIBE, READ),
            new Acl(PREFERENCES, TOPIC, LITERAL, "compliance.consents.v1", CREATE, DESCRIBE, READ),
            new Acl(PREFERENCES, TOPIC, LITERAL, "dispatch.requests.v1", CREATE, DESCRIBE, WRITE),
            new Acl(PREFERENCES, GROUP, PREFIXED, "preferences.", READ),
            new Acl(PREFERENCES, TRANSACTIONAL_ID, LITERAL, "preferences-outbox", DESCRIBE, WRITE),

            new Acl(COMPLIANCE, TOPIC, PREFIXED, "compliance.", CREATE, DESCRIBE, WRITE),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "compliance.consent-ledger.v1", READ),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "preferences.topics.v1", CREATE, DESCRIBE, READ),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "preferences.contact-preferences.v1", CREATE, DESCRIBE, READ),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "preferences.consent-submissions.v1", CREATE, DESCRIBE, READ),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "dispatch.channel-signals.v1", CREATE, DESCRIBE, READ),
            new Acl(COMPLIANCE, TOPIC, LITERAL, "dispatch.requests.v1", CREATE, DESCRIBE, WRITE),
            new Acl(COMPLIANCE, GROUP, PREFIXED, "compliance.", READ),
            new Acl(COMPLIANCE, TRANSACTIONAL_ID, LITERAL, "compliance-outbox", DESCRIBE, WRITE),

            new Acl(DISPATCH, TOPIC, PREFIXED, "dispatch.", CREATE, DESCRIBE, WRITE, READ),
            new Acl(DISPATCH, TOPIC, PREFIXED, "dispatch.internal.decisions-", DELETE),
            new Acl(DISPATCH, TOPIC, LITERAL, "preferences.topics.v1", CREATE, DESCRIBE, READ),
            new Acl(DISPATCH, TOPIC, LITERAL, "preferences.contact-preferences.v1", CREATE, DESCRIBE, READ),
            new Acl(DISPATCH, TOPIC, LITERAL, "compliance.consents.v1", CREATE, DESCRIBE, READ),
            new Acl(DISPATCH, TOPIC, LITERAL, "compliance.suppressions.v1", CREATE, DESCRIBE, READ),
            new Acl(DISPATCH, TOPIC, LITERAL, "compliance.erasures.v1", CREATE, DESCRIBE, READ),
            new Acl(DISPATCH, GROUP, PREFIXED, "dispatch.", READ),
            new Acl(DISPATCH, TRANSACTIONAL_ID, PREFIXED, "dispatch.", DESCRIBE, WRITE),
            new Acl(DISPATCH, TRANSACTIONAL_ID, PREFIXED, "dispatch-senders-", DESCRIBE, WRITE),
            new Acl(DISPATCH, TRANSACTIONAL_ID, PREFIXED, "dispatch-webhook-retries-", DESCRIBE, WRITE));

    /** What the broker's authorizer logs for each request it refuses: who, what, on what, in which request. */
    private static final Pattern DENIED = Pattern.compile("Principal = User:(\\S+) is Denied .* for request = \\S+");

    private static KraftBroker broker;
    private static Admin operator;
    private static LocalRun run;

    @BeforeAll
    static void startTheServicesOnASecuredBroker() throws Exception {
        broker = KraftBroker.startWithScramAndAcls(Files.createTempDirectory("kairos-e2e-scram-broker"));
        // The PLAINTEXT listener is the operator's (a super user): it creates the users and grants the ACLs.
        operator = Admin.create(Map.<String, Object>of("bootstrap.servers", broker.bootstrapServers()));
        List<UserScramCredentialAlteration> users = Stream.of(PREFERENCES, COMPLIANCE, DISPATCH, STRANGER)
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user,
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password(user)))
                .toList();
        operator.alterUserScramCredentials(users).all().get();
        operator.createAcls(ACLS.stream().flatMap(Acl::bindings).toList()).all().get();

        // Each service's own config/<service>.yml, which ./kairos run hands to it alone.
        Path home = Files.createTempDirectory("kairos-e2e-home");
        Files.createDirectories(home.resolve("config"));
        for (String service : List.of(PREFERENCES, COMPLIANCE, DISPATCH)) {
            Files.writeString(home.resolve("config").resolve(service + ".yml"), """
                    spring:
                      kafka:
                        security:
                          protocol: SASL_PLAINTEXT
                        properties:
                          sasl.mechanism: SCRAM-SHA-512
                          sasl.jaas.config: '%s'
                        streams:
                          properties:
                            # Dispatch's Kafka Streams deletes what it consumed from its repartition topics every 30 s by
                            # default: sooner here, so that this run needs the ACL for it.
                            repartition.purge.interval.ms: 500
                    """.formatted(jaasConfig(service)));
        }
        run = LocalRun.start(home, Map.of("KAIROS_KAFKA_BOOTSTRAP_SERVERS", broker.saslBootstrapServers()));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (run != null) {
                run.stop();
            }
        } finally {
            if (operator != null) {
                operator.close();
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    @Test
    @Order(1)
    void eachServiceDoesItsWorkWithOnlyItsOwnAcls() throws Exception {
        Walkthrough walkthrough = Walkthrough.run(run);
        assertThat(walkthrough.status("black-friday-2026:c-42").get("status").asString()).isEqualTo("SENT");
        JsonNode suppressed = walkthrough.status("black-friday-2026:c-43");
        assertThat(suppressed.get("status").asString()).isEqualTo("SUPPRESSED");
        assertThat(suppressed.get("reasons").get(0).asString()).isEqualTo("NO_CONSENT");

        // The ledger's consent reaches the preference centre (preferences reads compliance.consents.v1) ...
        MimeMessage email = Mailbox.kept(run, "black-friday-2026_c-42.email.eml");
        String centre = Mailbox.centreLink(run, email);
        await().atMost(Duration.ofSeconds(30)).until(() -> promotionsByEmailTicked(centre));
        // ... and an opt-out goes from preferences through compliance to dispatch, and back to the centre.
        assertThat(Mailbox.pressUnsubscribe(Mailbox.unsubscribeLink(email)).statusCode()).isEqualTo(200);
        Walkthrough.awaitTheWithdrawalStopsTheNextMessage(run);
        await().atMost(Duration.ofSeconds(30)).until(() -> !promotionsByEmailTicked(centre));

        // A record nobody can read, on an erasure topic (preferences and dispatch read it) and on the consent
        // submissions (compliance): each service moves it to its own dead letters.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String topic : List.of("compliance.erasures.v1", "preferences.consent-submissions.v1")) {
                producer.send(new ProducerRecord<>(topic, bytes("acl-check"), bytes("not a record"))).get();
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recordsIn(List.of(
                "preferences.internal.dead-letters.v1", "compliance.internal.dead-letters.v1", "dispatch.internal.dead-letters.v1")))
                .as("records per dead-letter topic").doesNotContainValue(0L));

        for (String service : LocalRun.SERVICES) {
            assertThat(run.ready(service)).as("%s readiness is UP", service).isTrue();
        }
        assertThat(deniedToServices()).as("requests of the services that the broker refused").isEmpty();
    }

    @Test
    @Order(2)
    void aUserWithoutAclsCanNeitherReadAServicesTopicNorWriteOne() {
        KafkaClientSettings stranger = clientSettings(STRANGER);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(stranger.consumer("dispatch.stranger"))) {
            TopicPartition customers = new TopicPartition("preferences.contact-preferences.v1", 0);
            consumer.assign(List.of(customers));
            consumer.seekToBeginning(List.of(customers));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .as("reading customers' contact points").isInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(stranger.idempotentProducer("stranger"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("dispatch.requests.v1", "c-42", new byte[1])).get())
                    .as("sending a message request").hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    @Order(3)
    void complianceUserCannotDoPreferencesWork() {
        KafkaClientSettings compliance = clientSettings(COMPLIANCE);
        // Preferences' outbox relay, as preferences builds it, with compliance's credentials.
        try (KafkaProducer<String, byte[]> relay = new KafkaProducer<>(compliance.transactionalProducer("preferences-outbox"))) {
            assertThatThrownBy(relay::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        // Nor may it write the catalogue under any transactional id (e.g. turn a MARKETING topic into SERVICE).
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(compliance.idempotentProducer("compliance-as-preferences"))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("preferences.topics.v1", "promotions", new byte[1])).get())
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    /** Whether the preference centre ticks the promotions-by-email box, which only the ledger's consent in force does. */
    private static boolean promotionsByEmailTicked(String centre) throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(centre)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return Pattern.compile("id=\"topic-promotions-EMAIL\"[^>]* checked").matcher(page.body()).find();
    }

    /** How many records each topic holds, as its end offsets tell. */
    private static Map<String, Long> recordsIn(List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        operator.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<String, Long> records = new TreeMap<>();
        operator.listOffsets(ends).all().get().forEach((partition, end) ->
                records.merge(partition.topic(), end.offset(), Long::sum));
        return records;
    }

    /** The requests of the services' users that the broker's authorizer refused, as its log tells them. */
    private static List<String> deniedToServices() throws Exception {
        return Files.readAllLines(broker.logFile()).stream()
                .map(DENIED::matcher)
                .filter(Matcher::find)
                .filter(denied -> List.of(PREFERENCES, COMPLIANCE, DISPATCH).contains(denied.group(1)))
                .map(Matcher::group)
                .distinct()
                .toList();
    }

    /** The settings a service builds from {@code spring.kafka.*}, with the user's credentials (as its config file says). */
    private static KafkaClientSettings clientSettings(String user) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(broker.saslBootstrapServers()));
        kafka.getSecurity().setProtocol("SASL_PLAINTEXT");
        kafka.getProperties().put("sasl.mechanism", "SCRAM-SHA-512");
        kafka.getProperties().put("sasl.jaas.config", jaasConfig(user));
        return new KafkaClientSettings(kafka);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String jaasConfig(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    private static String password(String user) {
        return user + "-" + RUN;
    }

    /** One row of the ACL table: {@code user} may do {@code operations} on the resources that the pattern names. */
    private record Acl(String user, ResourceType type, PatternType pattern, String name, AclOperation... operations) {

        Stream<AclBinding> bindings() {
            return Arrays.stream(operations).map(operation -> new AclBinding(new ResourcePattern(type, name, pattern),
                    new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
