package dev.kairos.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.inbound.ReturnedMails;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TestTokens;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.ComplaintReceived;
import dev.kairos.proto.dispatch.HardBounced;
import dev.kairos.proto.dispatch.MailReturned;
import dev.kairos.proto.dispatch.UnsubscribeRequested;
import dev.kairos.proto.serde.KairosSerdes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What comes back from the mail systems, posted to dispatch as the inbound mail provider posts it (raw RFC 5322
 * bytes, as an MTA or a mailbox provider wrote them), becomes the channel signal compliance acts on, on the real
 * broker, keyed by the address HMAC compliance reads (compliance's {@code ChannelSignalsIT} applies each kind); so does
 * a letter the print house reports returned. Runs in {@link DecisionFlowContext}'s dispatch.
 */
class InboundSignalsIT extends DecisionFlowContext {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);

    private TopicReader signals;

    @BeforeEach
    void readSignals() {
        signals = new TopicReader(TestInfrastructure.kafka().bootstrapServers(), topics.name("channel-signals"));
    }

    @AfterEach
    void close() {
        signals.close();
    }

    @Test
    void aPermanentBounceIsAHardBounceOfTheRecipientOnceHoweverOftenItIsPosted() throws Exception {
        String address = "gone-" + RUN + "@example.org";
        byte[] dsn = ReturnedMails.dsn("dsn-" + RUN, address, "failed", "5.1.1",
                "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");

        HttpResponse<String> first = postEmail(dsn, "inbound:email");
        HttpResponse<String> again = postEmail(dsn, "inbound:email");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"signals\":[\"HardBounced\"]");
        assertThat(again.statusCode()).isEqualTo(202);
        List<ChannelSignal> records = signals.awaitValues(HMAC.of(address), KairosSerdes.channelSignal()::decode,
                r -> r.size() >= 2);
        assertThat(records).extracting(ChannelSignal::getEventId).containsOnly(records.get(0).getEventId());
        ChannelSignal signal = records.get(0);
        assertThat(signal.getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(signal.getAddress()).isEqualTo(address);
        assertThat(signal.getSignal()).isEqualTo(new HardBounced("5.1.1"));
        assertThat(signal.getRawText()).contains("User unknown");
    }

    @Test
    void aTransientFailurePublishesNothing() throws Exception {
        HttpResponse<String> response = postEmail(ReturnedMails.dsn("dsn-full-" + RUN, "full-" + RUN + "@example.org",
                "failed", "4.2.2", "452 4.2.2 Mailbox full"), "inbound:email");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"signals\":[]", "\"transientFailures\":1");
    }

    @Test
    void aFeedbackReportIsAComplaintOfTheOriginalRecipientAndRaisesTheComplaintRateOfTheSendingDomain()
            throws Exception {
        String address = "annoyed-" + RUN + "@example.org";

        HttpResponse<String> response = postEmail(ReturnedMails.arf("arf-" + RUN, address,
                "Kairos <no-reply@kairos.localhost>"), "inbound:email");

        assertThat(response.statusCode()).isEqualTo(202);
        ChannelSignal signal = signals.awaitValues(HMAC.of(address), KairosSerdes.channelSignal()::decode,
                r -> !r.isEmpty()).get(0);
        assertThat(signal.getSignal()).isEqualTo(new ComplaintReceived("abuse"));
        assertThat(signal.getAddress()).isEqualTo(address);
        assertThat(meters.get("kairos.dispatch.email.complaints").tag("domain", "kairos.localhost").counter().count())
                .isPositive();
        assertThat(meters.get("kairos.dispatch.email.complaint-rate").tag("domain", "kairos.localhost").gauge().value())
                .isPositive();
    }

    @Test
    void aMailToTheUnsubscribeAddressIsAnUnsubscribeOfItsSender() throws Exception {
        String address = "camille-" + RUN + "@example.org";

        HttpResponse<String> response = postEmail(ReturnedMails.mailtoUnsubscribe("mailto-" + RUN, address,
                "unsubscribe@kairos.localhost"), "inbound:email");

        assertThat(response.statusCode()).isEqualTo(202);
        ChannelSignal signal = signals.awaitValues(HMAC.of(address), KairosSerdes.channelSignal()::decode,
                r -> !r.isEmpty()).get(0);
        assertThat(signal.getSignal()).isEqualTo(new UnsubscribeRequested(null));
        assertThat(signal.getChannel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void whatIsNoReportIsRefusedAndOnlyTheInboundScopeMayPost() throws Exception {
        HttpResponse<String> garbage = postEmail("\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII), "inbound:email");
        HttpResponse<String> elsewhere = postEmail(ReturnedMails.mailtoUnsubscribe("other-" + RUN,
                "x-" + RUN + "@example.org", "sales@kairos.localhost"), "inbound:email");
        HttpResponse<String> wrongScope = postEmail(ReturnedMails.mailtoUnsubscribe("scope-" + RUN,
                "y-" + RUN + "@example.org", "unsubscribe@kairos.localhost"), "messages:send");

        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(elsewhere.statusCode()).isEqualTo(422);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
    }

    @Test
    void aReturnedLetterIsAMailReturnedSignalOfItsPostalAddressOnceHoweverOftenItIsReported() throws Exception {
        String street = "12 rue des Lilas, bât. " + RUN;
        String report = """
                {"requestId": "letter-%s", "reason": "NPAI : destinataire inconnu à l'adresse",
                 "address": {"recipient": "Camille Durand", "lines": ["%s"], "postalCode": "75011", "city": "Paris",
                             "country": "FR"}}""".formatted(RUN, street);

        HttpResponse<String> first = postMail(report, "inbound:mail");
        HttpResponse<String> again = postMail(report, "inbound:mail");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.body()).contains("\"signals\":[\"MailReturned\"]");
        assertThat(again.statusCode()).isEqualTo(202);
        // The line compliance keys a customer's postal address by: recipient, lines, postal code and city, country.
        String line = "Camille Durand, " + street + ", 75011 Paris, FR";
        List<ChannelSignal> records = signals.awaitValues(HMAC.of(line), KairosSerdes.channelSignal()::decode,
                r -> r.size() >= 2);
        assertThat(records).extracting(ChannelSignal::getEventId).containsOnly(records.get(0).getEventId());
        ChannelSignal signal = records.get(0);
        assertThat(signal.getChannel()).isEqualTo(Channel.MAIL);
        assertThat(signal.getAddress()).isEqualTo(line);
        assertThat(signal.getSignal()).isEqualTo(new MailReturned("NPAI : destinataire inconnu à l'adresse"));
    }

    @Test
    void aReturnedLetterThatNamesNoUsableAddressIsAProblemNamingEachFieldAndOnlyThePrintHouseMayReport()
            throws Exception {
        HttpResponse<String> invalid = postMail("""
                {"requestId": "bad id!", "address": {"recipient": " ", "lines": [], "postalCode": "75011",
                 "city": "Paris", "country": "France"}}""", "inbound:mail");
        HttpResponse<String> notJson = postMail("{\"requestId\": ", "inbound:mail");
        HttpResponse<String> wrongScope = postMail("""
                {"requestId": "letter-scope-%s", "address": {"recipient": "A", "lines": ["1 Main St"],
                 "postalCode": "62701", "city": "Springfield", "country": "US"}}""".formatted(RUN), "inbound:email");

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(invalid.body());
        assertThat(problem.get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("requestId", "address.recipient", "address.lines", "address.country");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(wrongScope.statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> postMail(String json, String scope) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api().uri("/api/v1/inbound/mail"))
                .header("Authorization", "Bearer " + TestTokens.bearer(scope))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postEmail(byte[] raw, String scope) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(api().uri("/api/v1/inbound/email"))
                .header("Authorization", "Bearer " + TestTokens.bearer(scope))
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
