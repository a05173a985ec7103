package dev.kairos.dispatch.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.RequestRule;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigestMessageTest {

    private static final List<DigestMessage.Item> THREE = List.of(
            new DigestMessage.Item("Les soldes commencent", "Jusqu'à -50 % dès samedi."),
            new DigestMessage.Item("Nouveautés", "La collection d'hiver est arrivée."),
            new DigestMessage.Item("Dernier jour", "Plus que quelques heures."));

    @Test
    void aFrenchDigestGreetsTheCustomerAndListsEachItemWithItsLinks() {
        DigestMessage.Parts parts = DigestMessage.render(Channel.EMAIL, "fr-FR", "Promotions", "Bonjour Madame Durand",
                THREE, "https://p/1", "https://u/1");

        assertThat(parts.subject()).isEqualTo("Votre récapitulatif « Promotions » : 3 messages");
        assertThat(parts.text()).startsWith("Bonjour Madame Durand,\n\nVoici les 3 messages « Promotions » de la période.\n\n"
                        + "1. Les soldes commencent\nJusqu'à -50 % dès samedi.\n\n2. Nouveautés\n")
                .contains("3. Dernier jour\nPlus que quelques heures.")
                .contains("Vos préférences (récapitulatif ou messages un par un) : https://p/1")
                .contains("Ne plus recevoir ces messages : https://u/1");
        assertThat(parts.html()).contains("<html lang=\"fr\">", "<p>Bonjour Madame Durand,</p>",
                "<h2>Nouveautés</h2>", "<a href=\"https://u/1\">");
    }

    @Test
    void anEnglishDigestOfOneItemSaysSo() {
        DigestMessage.Parts parts = DigestMessage.render(Channel.EMAIL, "en-GB", "Newsletter", "Dear Dr Okafor",
                THREE.subList(0, 1), "https://p/1", "https://u/1");

        assertThat(parts.subject()).isEqualTo("Your “Newsletter” digest: 1 message");
        assertThat(parts.text()).startsWith("Dear Dr Okafor,\n\nHere is the “Newsletter” message of the period.\n\n1. ");
    }

    @Test
    void theHtmlPartEscapesWhatItLists() {
        DigestMessage.Parts parts = DigestMessage.render(Channel.EMAIL, "en", "Tips & <tricks>", "Hello",
                List.of(new DigestMessage.Item("<script>alert(1)</script>", "a < b & \"c\"")), "https://p/1?a=1&b=2",
                "https://u/1");

        assertThat(parts.html()).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .contains("a &lt; b &amp; &quot;c&quot;").contains("Tips &amp; &lt;tricks&gt;")
                .contains("href=\"https://p/1?a&#x3D;1&amp;b&#x3D;2\"");
        assertThat(parts.text()).contains("<script>alert(1)</script>").as("text is not HTML");
    }

    @Test
    void aTextDigestHasNoLinksAndStaysWithinTenSegments() {
        String longText = String.join(" ", Collections.nCopies(400, "mot"));
        List<DigestMessage.Item> many = IntStream.range(0, DigestMessage.maxItems(Channel.SMS))
                .mapToObj(i -> new DigestMessage.Item(null, longText)).toList();

        DigestMessage.Parts parts = DigestMessage.render(Channel.SMS, "fr-FR", "Promotions", "Bonjour Camille", many,
                "https://p/1", "https://u/1");

        assertThat(parts.subject()).isNull();
        assertThat(parts.html()).isNull();
        assertThat(parts.text()).doesNotContain("https://").contains("8. mot mot").contains("…");
        assertThat(parts.text().length()).isLessThanOrEqualTo(RequestRule.MAX_SMS_TEXT);
    }

    @Test
    void anItemWithOnlyAnHtmlPartIsListedByItsText() {
        assertThat(DigestMessage.textOf(null, "<p>Soldes &amp; <b>promos</b></p><p>Fin&nbsp;lundi</p>"))
                .isEqualTo("Soldes & promos\nFin lundi");
        assertThat(DigestMessage.textOf("texte", "<p>html</p>")).isEqualTo("texte");
    }
}
