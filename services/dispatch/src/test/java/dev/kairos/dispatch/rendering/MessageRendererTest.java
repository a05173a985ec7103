package dev.kairos.dispatch.rendering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.platform.links.LinkCheck;
import dev.kairos.platform.links.LinkKey;
import dev.kairos.platform.links.SignedLinks;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

    private static final Instant DECIDED = Instant.parse("2026-11-23T10:00:00Z");
    private static final SignedLinks LINKS = new SignedLinks("https://prefs.example",
            List.of(new LinkKey("d1", "dispatch", new byte[32])), "d1", Clock.fixed(DECIDED, ZoneOffset.UTC));
    private static final MessageRenderer RENDERER = new MessageRenderer(new MessageLinks(LINKS));
    private static final FormOfAddress DURAND = new FormOfAddress(FormOfAddress.Title.MRS, "Camille", "Durand");

    @Test
    void fillsVariablesAndTheGreetingByFormOfAddressAndLanguageAndEscapesOnlyTheHtml() {
        MessageRenderer.Rendered rendered = RENDERER.render(email("fr-FR", DURAND,
                new Unrendered.Part("{{salutation}}, {{offer}}", "{{salutation}}, {{offer}} pour {{givenName}}",
                        "<p>{{salutation}}, {{offer}}</p>"), Map.of("offer", "-30 % <chez Tom & Léa>")));

        assertThat(rendered.subject()).isEqualTo("Bonjour Madame Durand, -30 % <chez Tom & Léa>");
        assertThat(rendered.text()).isEqualTo("Bonjour Madame Durand, -30 % <chez Tom & Léa> pour Camille");
        assertThat(rendered.html()).isEqualTo("<p>Bonjour Madame Durand, -30 % &lt;chez Tom &amp; Léa&gt;</p>");
    }

    @Test
    void withoutATitleTheCustomerIsGreetedByNameNeverByAGuessedTitle() {
        FormOfAddress noTitle = new FormOfAddress(FormOfAddress.Title.NONE, "Alex", "Martin");
        Unrendered.Part greeting = new Unrendered.Part(null, "{{salutation}}", null);

        assertThat(RENDERER.render(email("en-GB", noTitle, greeting, Map.of())).text()).isEqualTo("Hello Alex Martin");
        assertThat(RENDERER.render(email("fr-FR", noTitle, greeting, Map.of())).text()).isEqualTo("Bonjour Alex Martin");
        assertThat(RENDERER.render(email("fr-FR", null, greeting, Map.of())).text()).isEqualTo("Bonjour");
    }

    @Test
    void theLinksAreSignedAsOfTheDecisionSoARepeatedSendRendersTheSameAndTheyOpenTheTopicsUnsubscribe() {
        Unrendered message = email("en", DURAND, new Unrendered.Part(null, "{{unsubscribeUrl}} {{preferencesUrl}}", null),
                Map.of());
        MessageRenderer later = new MessageRenderer(new MessageLinks(new SignedLinks("https://prefs.example",
                List.of(new LinkKey("d1", "dispatch", new byte[32])), "d1",
                Clock.fixed(DECIDED.plusSeconds(3_600), ZoneOffset.UTC))));

        MessageRenderer.Rendered rendered = RENDERER.render(message);
        assertThat(later.render(message)).isEqualTo(rendered);
        assertThat(rendered.unsubscribeUrl()).startsWith("https://prefs.example/u/");
        assertThat(rendered.text()).isEqualTo(rendered.unsubscribeUrl() + " " + LINKS.url(
                dev.kairos.platform.links.LinkClaims.preferenceCentre("c-1", DECIDED)));
        String token = rendered.unsubscribeUrl().substring(rendered.unsubscribeUrl().lastIndexOf('/') + 1);
        assertThat(LINKS.verify(token)).isInstanceOfSatisfying(LinkCheck.Valid.class, valid -> {
            assertThat(valid.claims().subject()).isEqualTo("c-1");
            assertThat(valid.claims().topic()).isEqualTo("promotions");
            assertThat(valid.claims().channel()).isEqualTo("EMAIL");
        });
    }

    @Test
    void aServiceMessageCarriesNoUnsubscribeLinkOfItsOwn() {
        Unrendered service = new Unrendered("c-1", "billing", Channel.EMAIL, false, "en", DECIDED,
                new Unrendered.Part("Invoice", "Your invoice", null), Map.of(), DURAND, null);

        assertThat(RENDERER.render(service).unsubscribeUrl()).isNull();
    }

    @Test
    void aTextThatRendersLongerThanATextMayBeFailsForGoodAndSaysWhy() {
        Unrendered sms = new Unrendered("c-1", "promotions", Channel.SMS, true, "fr", DECIDED,
                new Unrendered.Part(null, "{{v}}", null), Map.of("v", "x".repeat(RequestRule.MAX_SMS_TEXT + 1)),
                DURAND, null);

        assertThatThrownBy(() -> RENDERER.render(sms)).isInstanceOf(MessageRenderer.RenderingException.class)
                .hasMessage("the rendered text message is 1601 characters, over the 1600 a text may have");
    }

    @Test
    void aPartThatIsNoTemplateFailsForGoodAndSaysWhy() {
        assertThatThrownBy(() -> RENDERER.render(email("en", DURAND, new Unrendered.Part(null, "{{/oops}}", null),
                Map.of()))).isInstanceOf(MessageRenderer.RenderingException.class)
                .hasMessageStartingWith("a content part is not a valid template: ");
    }

    @Test
    void aDigestListsEachItemRenderedWithItsOwnVariablesUnderOneGreeting() {
        Unrendered.Digest digest = new Unrendered.Digest("Promotions", List.of(
                new Unrendered.Digest.Item(new Unrendered.Part("Offre {{n}}", "Texte {{n}} pour {{familyName}}", null),
                        Map.of("n", "1")),
                new Unrendered.Digest.Item(new Unrendered.Part("Offre {{n}}", null, "<p>Texte {{n}} &amp; plus</p>"),
                        Map.of("n", "2"))));
        Unrendered message = new Unrendered("c-1", "promotions", Channel.EMAIL, true, "fr-FR", DECIDED,
                new Unrendered.Part(null, null, null), Map.of(), DURAND, digest);

        MessageRenderer.Rendered rendered = RENDERER.render(message);
        assertThat(rendered.subject()).isEqualTo("Votre récapitulatif « Promotions » : 2 messages");
        assertThat(rendered.text()).startsWith("Bonjour Madame Durand,")
                .contains("1. Offre 1\nTexte 1 pour Durand", "2. Offre 2\nTexte 2 & plus", rendered.unsubscribeUrl());
        assertThat(rendered.html()).contains("Texte 2 &amp; plus");
    }

    private static Unrendered email(String locale, FormOfAddress addressee, Unrendered.Part content,
                                    Map<String, String> variables) {
        return new Unrendered("c-1", "promotions", Channel.EMAIL, true, locale, DECIDED, content, variables, addressee,
                null);
    }
}
