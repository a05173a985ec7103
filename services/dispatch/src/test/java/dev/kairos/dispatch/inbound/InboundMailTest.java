package dev.kairos.dispatch.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundMailTest {

    private final InboundMail reading = new InboundMail("Unsubscribe@kairos.localhost");

    @Test
    void aPermanentFailureInADeliveryReportIsAHardBounceOfTheFinalRecipient() throws Exception {
        InboundMail.Reading read = reading.read(ReturnedMails.dsn("r1", "Gone@Example.org", "failed", "5.1.1",
                "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown"), "fallback");

        assertThat(read).isEqualTo(new InboundMail.DeliveryReport("<r1@mx.shop.example>",
                java.util.List.of(new InboundMail.Bounce("Gone@Example.org", "5.1.1",
                        "smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown")), 0));
    }

    @Test
    void aTransientFailureIsCountedButIsNoBounce() throws Exception {
        assertThat(reading.read(ReturnedMails.dsn("r2", "full@example.org", "failed", "4.2.2", "452 4.2.2 Mailbox full"),
                "fallback")).isEqualTo(new InboundMail.DeliveryReport("<r2@mx.shop.example>", java.util.List.of(), 1));
        assertThat(reading.read(ReturnedMails.dsn("r3", "slow@example.org", "delayed", "4.4.1", "timeout"),
                "fallback")).isEqualTo(new InboundMail.DeliveryReport("<r3@mx.shop.example>", java.util.List.of(), 1));
    }

    @Test
    void aFeedbackReportIsAComplaintOfTheOriginalRecipientAboutTheSendingDomain() throws Exception {
        assertThat(reading.read(ReturnedMails.arf("f1", "camille@example.org", "Shop <news@shop.example>"), "fallback"))
                .isEqualTo(new InboundMail.FeedbackReport("<f1@feedback.example.net>", "camille@example.org", "abuse",
                        "shop.example"));
    }

    @Test
    void aMailToTheUnsubscribeAddressUnsubscribesItsSender() throws Exception {
        assertThat(reading.read(ReturnedMails.mailtoUnsubscribe("m1", "camille@example.org",
                "<unsubscribe@kairos.localhost>"), "fallback"))
                .isEqualTo(new InboundMail.UnsubscribeMail("<m1@mail.example.org>", "camille@example.org", "unsubscribe"));
    }

    @Test
    void aMailToAnyOtherAddressOrNoMailAtAllIsRefused() {
        assertThatThrownBy(() -> reading.read(ReturnedMails.mailtoUnsubscribe("m2", "camille@example.org",
                "sales@kairos.localhost"), "fallback")).isInstanceOf(InboundMail.NotActionable.class);
        assertThatThrownBy(() -> reading.read("\r\n\r\nnot a mail".getBytes(StandardCharsets.US_ASCII), "fallback"))
                .isInstanceOf(InboundMail.Unreadable.class);
        assertThatThrownBy(() -> reading.read(ReturnedMails.dsn("r4", "", "failed", "5.1.1", "x"), "fallback"))
                .isInstanceOf(InboundMail.NotActionable.class);
    }
}
