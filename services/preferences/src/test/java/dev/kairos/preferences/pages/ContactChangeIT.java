package dev.kairos.preferences.pages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.links.LinkCheck;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinksProperties;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.KairosSerdes;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A new email address or phone number given on the preference centre is used for nothing until its owner
 * follows the link sent to it: the stored document and the snapshot dispatch sends by keep the old one. Real
 * Kafka broker, real PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContactChangeIT {

    private static final String OLD_EMAIL = "camille.durand@example.fr";
    private static final String OLD_SMS = "+33612345678";
    private static final Pattern CONTACT_LINK = Pattern.compile("/a/([A-Za-z0-9_-]+)");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "preferences");
        registry.add("kairos.pages.rate-limit.per-client.burst", () -> 1_000_000);
    }

    @LocalServerPort
    int port;

    @Autowired
    TopicsProperties topics;

    @Autowired
    LinksProperties links;

    @Autowired
    SignedLinks signedLinks;

    private PagesFixture fixture;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String customer = "c-" + run;
    private final String promotions = "promotions-" + run;
    private final String billing = "billing-" + run;

    @BeforeEach
    void camille() throws Exception {
        fixture = new PagesFixture(port, links);
        fixture.camilleWithPromotionsAndBilling(customer, promotions, billing);
    }

    @Test
    void aNewEmailFromTheCentreIsUsedOnlyOnceConfirmedThroughTheLinkSentToIt() throws Exception {
        String centre = "/p/" + fixture.centreToken(customer);
        Map<String, List<String>> form = PagesFixture.centreForm(1, promotions, billing);
        form.put("email", List.of("someone.else@example.net"));

        HttpResponse<String> saved = fixture.post(centre, form);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue(centre + "?saved=pending");
        assertThat(fixture.page(centre + "?saved=pending", null).body())
                .contains("Nous avons envoyé un lien de confirmation à votre nouvelle adresse");
        assertThat(email()).as("the stored document keeps the old address").isEqualTo(OLD_EMAIL);
        assertThat(lastSnapshot(2).getContactPoints().getEmail()).as("so does the snapshot dispatch sends SERVICE messages by")
                .isEqualTo(OLD_EMAIL);

        SendMessage confirmation = confirmationMessage(m -> m.getRecipientAddress().equals("someone.else@example.net"));
        assertThat(confirmation.getTopic()).isEqualTo("contact-confirmation");
        assertThat(confirmation.getChannels()).containsExactly(Channel.EMAIL);
        String token = token(confirmation);

        HttpResponse<String> page = fixture.page("/a/" + token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/a/" + token + "\"");
        assertThat(email()).as("opening the link changes nothing").isEqualTo(OLD_EMAIL);

        HttpResponse<String> confirmed = fixture.post("/a/" + token, Map.of());

        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(email()).isEqualTo("someone.else@example.net");
        assertThat(lastSnapshot(3).getContactPoints().getEmail()).isEqualTo("someone.else@example.net");

        HttpResponse<String> again = fixture.post("/a/" + token, Map.of());
        assertThat(again.statusCode()).as("a link works once").isEqualTo(410);
        assertThat(fixture.preferences(customer).get("version").asLong()).isEqualTo(3);
    }

    @Test
    void anExpiredOrReplacedLinkIsRefusedAndTheStoredNumberStays() throws Exception {
        String centre = "/p/" + fixture.centreToken(customer);
        Map<String, List<String>> first = PagesFixture.centreForm(1, promotions, billing);
        first.put("sms", List.of("+33698765432"));
        assertThat(fixture.post(centre, first).statusCode()).isEqualTo(303);
        String firstToken = token(confirmationMessage(m -> m.getRecipientAddress().equals("+33698765432")));

        String nonce = ((LinkCheck.Valid) signedLinks.verify(firstToken)).claims().nonce();
        Instant then = Instant.now().minus(Duration.ofHours(25));
        String expired = fixture.signer("p1", then).sign(LinkClaims.contactChange(customer, "SMS", nonce, then));
        HttpResponse<String> late = fixture.post("/a/" + expired, Map.of());
        assertThat(late.statusCode()).as("the same change, through a link past its 24 hours").isEqualTo(410);
        assertThat(sms()).isEqualTo(OLD_SMS);

        Map<String, List<String>> second = PagesFixture.centreForm(2, promotions, billing);
        second.put("sms", List.of("+33611112222"));
        assertThat(fixture.post(centre, second).statusCode()).isEqualTo(303);
        String secondToken = token(confirmationMessage(m -> m.getRecipientAddress().equals("+33611112222")));

        assertThat(fixture.post("/a/" + firstToken, Map.of()).statusCode()).as("replaced by the newer change")
                .isEqualTo(410);
        assertThat(sms()).isEqualTo(OLD_SMS);
        assertThat(fixture.post("/a/" + secondToken, Map.of()).statusCode()).isEqualTo(200);
        assertThat(sms()).isEqualTo("+33611112222");
    }

    @Test
    void theApiStillChangesAnAddressDirectly() throws Exception {
        fixture.putPreferences(customer, PagesFixture.camille(Map.of()).replace(OLD_EMAIL, "camille@example.org"));

        assertThat(email()).isEqualTo("camille@example.org");
    }

    private String email() throws Exception {
        return fixture.preferences(customer).get("contactPoints").get("email").asString();
    }

    private String sms() throws Exception {
        return fixture.preferences(customer).get("contactPoints").get("sms").asString();
    }

    private ContactPreferences lastSnapshot(int versions) {
        try (TopicReader snapshots = new TopicReader(kafka(), topics.name("contact-preferences"))) {
            List<ContactPreferences> all = snapshots.awaitValues(customer, KairosSerdes.contactPreferences()::decode,
                    list -> list.size() >= versions);
            assertThat(all).hasSize(versions);
            return all.get(versions - 1);
        }
    }

    private SendMessage confirmationMessage(java.util.function.Predicate<SendMessage> which) {
        try (TopicReader requests = new TopicReader(kafka(), topics.name("requests"))) {
            return requests.awaitValues(customer, KairosSerdes.sendMessage()::decode,
                    list -> list.stream().anyMatch(which)).stream().filter(which).findFirst().orElseThrow();
        }
    }

    private static String token(SendMessage message) {
        String text = message.getContent().get(message.getChannels().get(0).name()).getText();
        Matcher link = CONTACT_LINK.matcher(text);
        assertThat(link.find()).as(text).isTrue();
        return link.group(1);
    }

    private static String kafka() {
        return TestInfrastructure.kafka().bootstrapServers();
    }
}
