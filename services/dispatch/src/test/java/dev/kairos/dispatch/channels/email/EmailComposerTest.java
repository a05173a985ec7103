package dev.kairos.dispatch.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Channel;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmailComposerTest {

    private final EmailComposer composer = new EmailComposer(new EmailSettings("Shop <news@shop.example>",
            "unsubscribe@shop.example", "Shop Inc, 1 Main Street, Springfield, IL 62701", "shop.example"));

    @Test
    void aMarketingEmailToAnAmericanCustomerCarriesTheSendersPostalAddress() throws Exception {
        assertThat(raw(composer.compose(email("r-1", true, "US-FL")))).contains("Shop Inc, 1 Main Street, Springfield");
        assertThat(raw(composer.compose(email("r-1", true, "CA")))).contains("Shop Inc, 1 Main Street, Springfield");
    }

    @Test
    void aFrenchCustomerOrAServiceEmailGetsNoPostalFooter() throws Exception {
        assertThat(raw(composer.compose(email("r-1", true, "FR")))).doesNotContain("Main Street");
        assertThat(raw(composer.compose(email("r-1", false, "US")))).doesNotContain("Main Street");
    }

    @Test
    void theMessageIdIsTheSameForTheSameRequestAndChannelOnly() throws Exception {
        String first = composer.compose(email("r-1", true, "FR")).getMessageID();

        assertThat(composer.compose(email("r-1", true, "FR")).getMessageID()).isEqualTo(first)
                .matches("<[0-9a-f]{32}@shop\\.example>");
        assertThat(composer.compose(email("r-2", true, "FR")).getMessageID()).isNotEqualTo(first);
    }

    @Test
    void onlyMarketingEmailCarriesTheUnsubscribeHeaders() throws Exception {
        MimeMessage marketing = composer.compose(email("r-1", true, "FR"));
        assertThat(marketing.getHeader("List-Unsubscribe", null))
                .isEqualTo("<https://prefs.shop.example/u/t>, <mailto:unsubscribe@shop.example?subject=unsubscribe>");
        assertThat(marketing.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");

        assertThat(composer.compose(email("r-1", false, "FR")).getHeader("List-Unsubscribe")).isNull();
    }

    private static Outgoing email(String requestId, boolean marketing, String jurisdiction) {
        return new Outgoing(requestId, "c-1", "promotions", marketing, Channel.EMAIL, "a@example.com", null, "en-US",
                "Hello", "Hello Alex", null, marketing ? "https://prefs.shop.example/u/t" : null, jurisdiction, null,
                null, Instant.parse("2026-12-04T10:00:00Z"), null);
    }

    private static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
