package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.serde.KairosSerdes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Channel signals published on dispatch.channel-signals.v1 (as dispatch will) and contact preferences on
 * preferences.contact-preferences.v1 (as preferences does), against a real broker and PostgreSQL: opt-outs
 * withdraw consents on the ledger, failures suppress the address, and both are published.
 */
class ChannelSignalsIT extends RunningCompliance {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    JdbcTemplate jdbc;

    Api api;
    Publisher publisher;

    @BeforeEach
    void clients() {
        api = new Api(port);
        publisher = new Publisher();
    }

    @AfterEach
    void close() {
        publisher.close();
    }

    @Test
    void aStopForANumberSharedByTwoCustomersWithdrawsTheSmsMarketingOfBoth() {
        String phone = uniquePhone();
        String first = customer();
        String second = customer();
        String other = customer();
        onRecord(first, 1, null, phone);
        onRecord(second, 1, null, phone);
        onRecord(other, 1, null, uniquePhone());
        grant(first, "SMS", phone);
        grant(second, "SMS", uniquePhone());   // consent given before the customer moved to the shared number
        grant(other, "SMS", phone);   // consent given for the number, though not on record: still withdrawn
        grant(first, "EMAIL", first + "@example.com");

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(id(), phone, "Stop"));

        for (String customer : List.of(first, second, other)) {
            awaitStatus(customer, "SMS", "WITHDRAWN");
        }
        assertThat(status(first, "EMAIL")).isEqualTo("ACTIVE");
        try (var ledger = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consent-ledger"));
             var states = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consents"))) {
            for (String customer : List.of(first, second)) {
                ConsentLedgerEntry withdrawal = ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode,
                        entries -> entries.stream().anyMatch(e -> e.getType() == LedgerEntryType.WITHDRAWN)).stream()
                        .filter(e -> e.getType() == LedgerEntryType.WITHDRAWN).findFirst().orElseThrow();
                assertThat(withdrawal.getSource()).isEqualTo("SMS_KEYWORD");
                assertThat(withdrawal.getAddressCommitment()).matches("[0-9a-f]{64}");
                List<ConsentState> snapshots = states.awaitValues(customer, KairosSerdes.consentState()::decode,
                        s -> !s.isEmpty() && s.get(s.size() - 1).getConsents().stream()
                                .anyMatch(c -> c.getStatus() == ConsentStatus.WITHDRAWN));
                assertThat(snapshots.get(snapshots.size() - 1).getConsents()).anySatisfy(c -> {
                    assertThat(c.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
                    assertThat(c.getEntryId()).isEqualTo(withdrawal.getEntryId());
                });
            }
        }
        assertThat(api.get("/api/v1/audit/ledger/verification", "audit:read").json().get("valid").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"STOP", "stop", "  Stop  ", "STOPALL", "end", "Cancel", "UNSUBSCRIBE", "quit", "Revoke",
            "optout", "Opt Out", "ARRET", "arrêt", "Arrêt"})
    void everyOptOutKeywordWithdrawsSmsMarketing(String text) {
        String phone = uniquePhone();
        String customer = customer();
        onRecord(customer, 1, null, phone);
        grant(customer, "SMS", phone);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(id(), phone, text));

        awaitStatus(customer, "SMS", "WITHDRAWN");
    }

    @Test
    void helpChangesNothingUnlessItIsAnOptOutKeyword() {
        String phone = uniquePhone();
        String customer = customer();
        onRecord(customer, 1, null, phone);
        grant(customer, "SMS", phone);
        double before = signalsCounted("HELP");

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.help(id(), phone, "HELP"));

        await().atMost(PATIENCE).until(() -> signalsCounted("HELP") >= before + 1);
        assertThat(status(customer, "SMS")).isEqualTo("ACTIVE");

        // A message that is itself an opt-out keyword is an opt-out, whatever the channel classified it as.
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.help(id(), phone, "Arrêt"));

        awaitStatus(customer, "SMS", "WITHDRAWN");
    }

    @Test
    void aRedeliveredStopIsAppliedOnce() {
        String phone = uniquePhone();
        String customer = customer();
        onRecord(customer, 1, null, phone);
        grant(customer, "SMS", phone);
        String eventId = id();

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(eventId, phone, "STOP"));
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(eventId, phone, "STOP"));
        double helps = signalsCounted("HELP");
        // Same key, same partition: once this HELP is applied, both STOP records have been read.
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.help(id(), phone, "HELP"));

        await().atMost(PATIENCE).until(() -> signalsCounted("HELP") >= helps + 1);
        assertThat(jdbc.queryForList("SELECT type FROM consent_ledger WHERE customer_id = ? ORDER BY sequence",
                String.class, customer)).containsExactly("GRANTED", "WITHDRAWN");
    }

    @Test
    void aMailtoUnsubscribeWithdrawsEmailMarketingOnly() {
        String email = customer() + "@Example.com";
        String customer = customer();
        onRecord(customer, 1, email.toLowerCase(), uniquePhone());
        grant(customer, "EMAIL", email.toLowerCase());
        String phone = uniquePhone();
        grant(customer, "SMS", phone);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(email), Records.mailtoUnsubscribe(email));

        awaitStatus(customer, "EMAIL", "WITHDRAWN");
        assertThat(status(customer, "SMS")).isEqualTo("ACTIVE");
    }

    @Test
    void aMailtoUnsubscribeByAUsCustomerWithoutConsentWithdrawsEmailMarketingOnEveryMarketingTopic() {
        String promotions = "promotions-" + UUID.randomUUID();
        String news = "news-" + UUID.randomUUID();
        String orders = "orders-" + UUID.randomUUID();
        catalogue("t-" + promotions, promotions, TopicCategory.MARKETING);
        catalogue("t-" + news, news, TopicCategory.MARKETING);
        catalogue("t-" + orders, orders, TopicCategory.SERVICE);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM topic_purposes WHERE purpose IN (?, ?, ?)", Long.class, promotions, news, orders) == 3);
        String email = customer() + "@example.com";
        String customer = customer();
        // Under CAN-SPAM dispatch may email this customer without any consent on record.
        onRecord(customer, 1, email, null, "US");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM consent_ledger WHERE customer_id = ?", Long.class, customer))
                .isZero();

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(email), Records.mailtoUnsubscribe(email));

        await().atMost(PATIENCE).until(() -> withdrawnPurposes(customer).containsAll(List.of(promotions, news)));
        assertThat(withdrawnPurposes(customer)).doesNotContain(orders);
        List<java.util.Map<String, Object>> entries = jdbc.queryForList(
                "SELECT channel, jurisdiction, source FROM consent_ledger WHERE customer_id = ?", customer);
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.get("channel")).isEqualTo("EMAIL");
            assertThat(entry.get("jurisdiction")).isEqualTo("US");
            assertThat(entry.get("source")).isEqualTo("MAILTO_UNSUBSCRIBE");
        });
        JsonNode consents = api.get("/api/v1/customers/" + customer + "/consents", "consents:read").json().get("consents");
        assertThat(consents.valueStream().filter(c -> c.get("purpose").asString().equals(promotions)))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("status").asString()).isEqualTo("WITHDRAWN");
                    assertThat(c.get("address").asString()).isEqualTo(email);
                });
        // Dispatch learns it from the customer's consent snapshot: the opt-out holds there too.
        try (var states = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("consents"))) {
            states.awaitValues(customer, KairosSerdes.consentState()::decode, s -> !s.isEmpty()
                    && s.get(s.size() - 1).getConsents().stream().filter(c -> c.getStatus() == ConsentStatus.WITHDRAWN)
                            .map(c -> c.getPurpose()).toList().containsAll(List.of(promotions, news)));
        }

        // A marketing topic the catalogue gains later is withdrawn too, citing the same unsubscribe; a service
        // topic is not.
        String later = "later-" + UUID.randomUUID();
        String invoices = "invoices-" + UUID.randomUUID();
        catalogue("t-" + invoices, invoices, TopicCategory.SERVICE);
        catalogue("t-" + later, later, TopicCategory.MARKETING);
        await().atMost(PATIENCE).until(() -> withdrawnPurposes(customer).contains(later) && jdbc.queryForObject(
                "SELECT count(*) FROM topic_purposes WHERE purpose = ?", Long.class, invoices) == 1);
        assertThat(withdrawnPurposes(customer)).doesNotContain(invoices);
        java.util.Map<String, Object> inherited = jdbc.queryForMap("""
                SELECT l.jurisdiction, l.source, l.occurred_at = first.occurred_at AS same_moment
                FROM consent_ledger l, consent_ledger first
                WHERE l.customer_id = ? AND l.purpose = ? AND first.customer_id = l.customer_id AND first.purpose = ?""",
                customer, later, promotions);
        assertThat(inherited.get("jurisdiction")).isEqualTo("US");
        assertThat(inherited.get("source")).isEqualTo("MAILTO_UNSUBSCRIBE");
        assertThat(inherited.get("same_moment")).as("recorded at the unsubscribe's moment").isEqualTo(true);
        // The topic turning SERVICE and then MARKETING again finds the withdrawal on record and adds none.
        catalogue("t-" + later, later, TopicCategory.SERVICE);
        await().atMost(PATIENCE).until(() -> !jdbc.queryForObject(
                "SELECT marketing FROM topic_purposes WHERE topic_id = ?", Boolean.class, "t-" + later));
        catalogue("t-" + later, later, TopicCategory.MARKETING);
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT marketing FROM topic_purposes WHERE topic_id = ?", Boolean.class, "t-" + later));
        assertThat(withdrawnPurposes(customer).stream().filter(later::equals)).hasSize(1);
    }

    @Test
    void aStopCarriesTheJurisdictionOfTheCustomerOnTheLedger() {
        String phone = uniquePhone();
        String customer = customer();
        onRecord(customer, 1, null, phone, "FR");
        grant(customer, "SMS", phone);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(id(), phone, "STOP"));

        awaitStatus(customer, "SMS", "WITHDRAWN");
        assertThat(jdbc.queryForObject("SELECT jurisdiction FROM consent_ledger WHERE customer_id = ? AND type = 'WITHDRAWN'",
                String.class, customer)).isEqualTo("FR");
    }

    @Test
    void aHardBounceAComplaintAndAReturnedLetterSuppressTheAddress() {
        String bounced = customer() + "@example.com";
        String complaining = customer() + "@example.com";
        String street = "12 rue " + UUID.randomUUID();
        String letter = Records.postalLine(street);
        String customer = customer();
        onRecord(customer, 1, complaining, null);
        grant(customer, "EMAIL", complaining);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(bounced), Records.hardBounce(bounced));
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(complaining), Records.complaint(complaining));
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(letter), Records.mailReturned(letter));

        try (var suppressions = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"))) {
            assertSuppressed(suppressions, bounced, SuppressionReason.HARD_BOUNCE, dev.kairos.proto.common.Channel.EMAIL);
            assertSuppressed(suppressions, complaining, SuppressionReason.COMPLAINT, dev.kairos.proto.common.Channel.EMAIL);
            assertSuppressed(suppressions, letter, SuppressionReason.MAIL_RETURNED, dev.kairos.proto.common.Channel.MAIL);
        }
        JsonNode found = api.get("/api/v1/suppressions?address=" + encode(bounced.toUpperCase()), "consents:read").json();
        assertThat(found.get("addressHmac").asString()).isEqualTo(Records.HMAC.of(bounced));
        assertThat(found.get("suppressions")).hasSize(1);
        assertThat(found.get("suppressions").get(0).get("reason").asString()).isEqualTo("HARD_BOUNCE");
        assertThat(found.get("suppressions").get(0).get("channel").asString()).isEqualTo("EMAIL");
        // A suppression is not a withdrawal: the consent stays on the ledger as it was.
        assertThat(status(customer, "EMAIL")).isEqualTo("ACTIVE");
        assertThat(metric("kairos_compliance_suppressions_total", "reason", "COMPLAINT")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void theIndexIgnoresOlderSnapshotsAndForgetsATombstonedCustomer() {
        String current = uniquePhone();
        String previous = uniquePhone();
        String customer = customer();
        grant(customer, "SMS", uniquePhone());   // the consent names another number: only the index links these
        onRecord(customer, 2, null, current);
        double stale = indexed("STALE");
        onRecord(customer, 1, null, previous);   // late and older: ignored
        assertThat(indexed("STALE")).isEqualTo(stale + 1);

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(previous), Records.stop(id(), previous, "STOP"));
        try (var suppressions = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"))) {
            // Nobody has that number: the opt-out is kept as a suppression of the number.
            assertSuppressed(suppressions, previous, SuppressionReason.STOP_KEYWORD, dev.kairos.proto.common.Channel.SMS);
        }
        assertThat(status(customer, "SMS")).isEqualTo("ACTIVE");

        publisher.send(topics.name("channel-signals"), Records.HMAC.of(current), Records.stop(id(), current, "STOP"));
        awaitStatus(customer, "SMS", "WITHDRAWN");
    }

    @Test
    void aTombstonedCustomerLeavesTheIndex() {
        String customer = customer();
        String phone = uniquePhone();
        grant(customer, "SMS", uniquePhone());
        onRecord(customer, 1, null, phone);
        double erased = indexed("ERASED");

        publisher.send(topics.name("contact-preferences"), customer, null);

        await().atMost(PATIENCE).until(() -> indexed("ERASED") >= erased + 1);
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(id(), phone, "STOP"));
        try (var suppressions = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("suppressions"))) {
            assertSuppressed(suppressions, phone, SuppressionReason.STOP_KEYWORD, dev.kairos.proto.common.Channel.SMS);
        }
        assertThat(status(customer, "SMS")).isEqualTo("ACTIVE");
    }

    @Test
    void aGrantThroughTheApiAndAWithdrawalOnAPageAreEachAcknowledgedOnceInTheCustomersLanguageAndAStopIsNot() {
        String customer = customer();
        String email = customer + "@example.com";
        String phone = uniquePhone();
        onRecord(customer, 1, email, phone);   // a French-speaking customer (fr-FR)

        String granted = grant(customer, "EMAIL", email).json().get("entryId").asString();
        String notice = "Je confirme ne plus souhaiter recevoir «\u00a0Promotions\u00a0» par e-mail.";
        publisher.send(topics.name("consent-submissions"), customer,
                Records.unsubscribed(customer, dev.kairos.proto.common.Channel.EMAIL, notice, "fr"));
        awaitStatus(customer, "EMAIL", "WITHDRAWN");
        grant(customer, "SMS", phone);
        publisher.send(topics.name("channel-signals"), Records.HMAC.of(phone), Records.stop(id(), phone, "STOP"));
        awaitStatus(customer, "SMS", "WITHDRAWN");
        // The outbox publishes in commit order: once this grant's acknowledgement is on the topic, any the STOP
        // had caused would be there before it.
        grant(customer, "EMAIL", email);

        try (var requests = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("requests"))) {
            List<SendMessage> acknowledgements = requests.awaitValues(customer, KairosSerdes.sendMessage()::decode,
                    r -> r.size() >= 4);
            assertThat(acknowledgements).extracting(m -> m.getVariables().get("action") + " " + m.getChannels())
                    .containsExactly("GRANTED [EMAIL]", "WITHDRAWN [EMAIL]", "GRANTED [SMS]", "GRANTED [EMAIL]");
            SendMessage first = acknowledgements.get(0);
            assertThat(first.getRequestId()).isEqualTo("consent-acknowledgement:" + granted);
            assertThat(first.getTopic()).isEqualTo("consent-acknowledgements");
            assertThat(first.getVariables()).containsEntry("purposes", "promotions").containsEntry("channel", "EMAIL");
            assertThat(first.getContent().get("EMAIL").getText()).startsWith("{{salutation}},")
                    .contains("Nous avons bien enregistré votre accord pour recevoir «\u00a0{{purposes}}\u00a0» par e-mail.");
            assertThat(acknowledgements.get(1).getContent().get("EMAIL").getText())
                    .contains("vous ne recevrez plus «\u00a0{{purposes}}\u00a0» par e-mail.");
            assertThat(acknowledgements.stream().map(SendMessage::getRequestId).distinct()).hasSize(4);
        }
        // The page's notice is in the evidence with its language (ISO/IEC TS 27560), as an API grant's would be.
        JsonNode withdrawal = api.get("/api/v1/customers/" + customer + "/consents/history", "consents:read").json()
                .get("entries").valueStream().filter(e -> e.get("type").asString().equals("WITHDRAWN")).findFirst()
                .orElseThrow();
        assertThat(withdrawal.at("/evidence/noticeText").asString()).isEqualTo(notice);
        assertThat(withdrawal.at("/evidence/noticeLanguage").asString()).isEqualTo("fr");
    }

    @Test
    void anUndecodableSignalGoesToTheDeadLetterTopicAndTheNextOneIsApplied() {
        String phone = uniquePhone();
        String customer = customer();
        onRecord(customer, 1, null, phone);
        grant(customer, "SMS", phone);
        String key = Records.HMAC.of(phone);

        publisher.send(topics.name("channel-signals"), key, "not avro".getBytes(StandardCharsets.UTF_8));
        publisher.send(topics.name("channel-signals"), key, Records.stop(id(), phone, "STOP"));

        try (var deadLetters = new TopicReader(TestInfrastructure.kafka().bootstrapServers(),
                topics.name("compliance-dead-letters"))) {
            List<byte[]> letters = deadLetters.awaitValues(key, bytes -> bytes, l -> !l.isEmpty());
            assertThat(new String(letters.get(0), StandardCharsets.UTF_8)).isEqualTo("not avro");
        }
        awaitStatus(customer, "SMS", "WITHDRAWN");
    }

    private void assertSuppressed(TopicReader reader, String address, SuppressionReason reason,
                                  dev.kairos.proto.common.Channel channel) {
        Suppression suppression = reader.awaitValues(Records.HMAC.of(address), KairosSerdes.suppression()::decode,
                s -> !s.isEmpty()).get(0);
        assertThat(suppression.getReason()).isEqualTo(reason);
        assertThat(suppression.getChannel()).isEqualTo(channel);
        assertThat(suppression.getAddressHmac()).isEqualTo(Records.HMAC.of(address));
    }

    private void onRecord(String customer, long version, String email, String sms) {
        onRecord(customer, version, email, sms, null);
    }

    /** Publishes the customer's contact preferences and waits until the index has read them. */
    private void onRecord(String customer, long version, String email, String sms, String jurisdiction) {
        double read = indexed("APPLIED") + indexed("STALE");
        publisher.send(topics.name("contact-preferences"), customer,
                Records.contactPreferences(customer, version, email, sms, null, jurisdiction));
        await().atMost(PATIENCE).until(() -> indexed("APPLIED") + indexed("STALE") >= read + 1);
    }

    private void catalogue(String topicId, String purpose, TopicCategory category) {
        publisher.send(topics.name("topics"), topicId, Records.catalogueEntry(topicId, purpose, category));
    }

    private List<String> withdrawnPurposes(String customer) {
        return jdbc.queryForList("SELECT purpose FROM consent_ledger WHERE customer_id = ? AND type = 'WITHDRAWN'",
                String.class, customer);
    }

    private Api.Response grant(String customer, String channel, String address) {
        Api.Response response = api.post("/api/v1/consents", ConsentJson.grant(customer, channel, address), "consents:write");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    private String status(String customer, String channel) {
        JsonNode consents = api.get("/api/v1/customers/" + customer + "/consents", "consents:read").json().get("consents");
        return consents.valueStream().filter(c -> c.get("channel").asString().equals(channel))
                .map(c -> c.get("status").asString()).findFirst().orElse("NONE");
    }

    private void awaitStatus(String customer, String channel, String expected) {
        await().atMost(PATIENCE).until(() -> status(customer, channel).equals(expected));
    }

    private double indexed(String outcome) {
        return metric("kairos_compliance_address_index_snapshots_total", "outcome", outcome);
    }

    private double signalsCounted(String type) {
        return metric("kairos_compliance_signals_total", "type", type);
    }

    private double metric(String name, String tag, String value) {
        String needle = name + "{";
        return api.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(needle) && line.contains(tag + "=\"" + value + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String customer() {
        return "c-" + UUID.randomUUID();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String uniquePhone() {
        return "+3367" + String.format("%07d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 10_000_000L));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
