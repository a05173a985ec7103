package dev.kairos.dispatch.decision;

import static dev.kairos.dispatch.decision.Examples.NONE_SUPPRESSED;
import static dev.kairos.dispatch.decision.Examples.NOW;
import static dev.kairos.dispatch.decision.Examples.activeConsent;
import static dev.kairos.dispatch.decision.Examples.billing;
import static dev.kairos.dispatch.decision.Examples.customer;
import static dev.kairos.dispatch.decision.Examples.promotions;
import static dev.kairos.dispatch.decision.Examples.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeciderTest {

    private static Decision decide(Request request, TopicInfo topic, Customer customer, List<Consent> consents) {
        return Decider.decide(request, Optional.ofNullable(topic), Optional.ofNullable(customer), consents,
                NONE_SUPPRESSED, List.of(), NOW);
    }

    @Test
    void sendsMarketingEmailInFranceWithActiveOptInForThatAddress() {
        Decision d = decide(request().build(), promotions(), customer().build(),
                List.of(activeConsent(Channel.EMAIL, "promotions", "h-email")));

        assertThat(d).isEqualTo(new Decision.Send(
                List.of(new Decision.Delivery(Channel.EMAIL, "camille@example.fr", "entry-1")), List.of()));
    }

    @Test
    void suppressesMarketingEmailInFranceWithoutConsent() {
        Decision d = decide(request().build(), promotions(), customer().build(), List.of());

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.NO_CONSENT), null));
    }

    @Test
    void suppressesWhenConsentWasWithdrawnAndNamesTheEntry() {
        Consent withdrawn = new Consent(Channel.EMAIL, "promotions", Consent.Status.WITHDRAWN, Consent.Basis.OPT_IN,
                "h-email", null, "entry-9");

        Decision d = decide(request().build(), promotions(), customer().build(), List.of(withdrawn));

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.CONSENT_WITHDRAWN), "entry-9"));
    }

    @Test
    void consentGivenForAnotherAddressDoesNotCoverTheNewOne() {
        Decision d = decide(request().build(), promotions(), customer().build(),
                List.of(activeConsent(Channel.EMAIL, "promotions", "h-old-email")));

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.ADDRESS_CHANGED), "entry-1"));
    }

    @Test
    void consentExpiresAtItsInstantNotAfter() {
        Consent expiring = new Consent(Channel.EMAIL, "promotions", Consent.Status.ACTIVE, Consent.Basis.OPT_IN,
                "h-email", NOW, "entry-1");

        Decision d = decide(request().build(), promotions(), customer().build(), List.of(expiring));

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.CONSENT_EXPIRED), "entry-1"));
    }

    @Test
    void usEmailMarketingIsOptOutSoNoConsentIsNeeded() {
        Decision d = decide(request().build(), promotions(), customer().jurisdiction("US-NY").build(), List.of());

        assertThat(d).isInstanceOf(Decision.Send.class);
    }

    @Test
    void usMarketingSmsNeedsPriorExpressWrittenConsent() {
        Customer us = customer().jurisdiction("US-FL").sms("+13055550100").noEmail().topic("promotions", Channel.SMS).build();

        Decision plainOptIn = decide(request().build(), promotions(), us,
                List.of(activeConsent(Channel.SMS, "promotions", "h-sms")));
        Decision written = decide(request().build(), promotions(), us, List.of(new Consent(Channel.SMS, "promotions",
                Consent.Status.ACTIVE, Consent.Basis.PRIOR_EXPRESS_WRITTEN, "h-sms", null, "entry-2")));

        assertThat(plainOptIn).isEqualTo(new Decision.Suppress(List.of(Reason.NO_CONSENT), "entry-1"));
        assertThat(written).isInstanceOf(Decision.Send.class);
    }

    @Test
    void serviceMessagesNeedNoMarketingConsent() {
        Decision d = decide(request().topic("billing").build(), billing(), customer().build(), List.of());

        assertThat(d).isInstanceOf(Decision.Send.class);
    }

    @Test
    void firstAvailableFollowsTheCustomersPriorityOrder() {
        Customer c = customer().sms("+33612345678").priority(Channel.SMS, Channel.EMAIL).build();

        Decision d = decide(request().topic("billing").build(), billing(), c, List.of());

        assertThat(d).isEqualTo(new Decision.Send(
                List.of(new Decision.Delivery(Channel.SMS, "+33612345678", null)), List.of()));
    }

    @Test
    void allSendsOnEveryUsableChannel() {
        Customer c = customer().sms("+33612345678").build();

        Decision d = decide(request().topic("billing").all().build(), billing(), c, List.of());

        assertThat(((Decision.Send) d).deliveries()).extracting(Decision.Delivery::channel)
                .containsExactly(Channel.EMAIL, Channel.SMS);
    }

    @Test
    void passesOverAChannelWithoutAddressAndSaysWhy() {
        Customer c = customer().noEmail().sms("+33612345678").build();

        Decision d = decide(request().topic("billing").build(), billing(), c, List.of());

        assertThat(d).isEqualTo(new Decision.Send(List.of(new Decision.Delivery(Channel.SMS, "+33612345678", null)),
                List.of(Reason.NO_REACHABLE_CHANNEL)));
    }

    @Test
    void anEmptyTopicChoiceOptsTheCustomerOut() {
        Decision d = decide(request().build(), promotions(), customer().topic("promotions").build(),
                List.of(activeConsent(Channel.EMAIL, "promotions", "h-email")));

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.TOPIC_OPTED_OUT), null));
    }

    @Test
    void suppressedAddressIsNotUsedEvenForServiceMessages() {
        Decision d = Decider.decide(request().topic("billing").build(), Optional.of(billing()),
                Optional.of(customer().build()), List.of(), erased("h-email"), List.of(), NOW);

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.SUPPRESSED, Reason.NO_REACHABLE_CHANNEL), null));
    }

    @Test
    void pausedCustomerGetsNoMarketingUntilThePauseEnds() {
        Customer paused = customer().pausedUntil(NOW.plusSeconds(1)).build();
        Customer resumed = customer().pausedUntil(NOW).build();
        List<Consent> consents = List.of(activeConsent(Channel.EMAIL, "promotions", "h-email"));

        assertThat(decide(request().build(), promotions(), paused, consents))
                .isEqualTo(new Decision.Suppress(List.of(Reason.PAUSED), null));
        assertThat(decide(request().build(), promotions(), resumed, consents)).isInstanceOf(Decision.Send.class);
    }

    @Test
    void aRequestPastItsExpiryExpires() {
        Decision d = decide(request().expiresAt(NOW).build(), promotions(), customer().build(), List.of());

        assertThat(d).isInstanceOf(Decision.Expire.class);
    }

    @Test
    void anUnknownTopicIsRejected() {
        Decision d = decide(request().build(), null, customer().build(), List.of());

        assertThat(d).isEqualTo(new Decision.Reject(List.of(Reason.INVALID_REQUEST), "unknown topic"));
    }

    @Test
    void recipientAddressIsOnlyForServiceTopics() {
        Decision marketing = decide(request().recipientAddress("new@example.fr").build(), promotions(), null, List.of());
        Decision service = decide(request().topic("billing").recipientAddress("new@example.fr").build(), billing(), null,
                List.of());

        assertThat(marketing).isInstanceOf(Decision.Reject.class);
        assertThat(service).isEqualTo(new Decision.Send(
                List.of(new Decision.Delivery(Channel.EMAIL, "new@example.fr", null)), List.of()));
    }

    @Test
    void anErasedAddressStillGetsTheConfirmationOfAFreshGrantAwaitingIt() {
        Decision d = Decider.decide(request().topic("consent-confirmation").recipientAddress("back@example.fr").build(),
                Optional.of(confirmation()), Optional.empty(), List.of(pendingGrant("h-recipient")),
                erased("h-recipient"), List.of(), NOW);

        assertThat(d).isEqualTo(new Decision.Send(
                List.of(new Decision.Delivery(Channel.EMAIL, "back@example.fr", "entry-pending")), List.of()));
    }

    @Test
    void anErasedAddressGetsNoOtherMessageAndNoConfirmationWithoutAGrantAwaitingIt() {
        Decision otherTopic = Decider.decide(request().topic("billing").recipientAddress("back@example.fr").build(),
                Optional.of(billing()), Optional.empty(), List.of(pendingGrant("h-recipient")),
                erased("h-recipient"), List.of(), NOW);
        Decision noGrant = Decider.decide(request().topic("consent-confirmation").recipientAddress("back@example.fr")
                        .build(), Optional.of(confirmation()), Optional.empty(),
                List.of(activeConsent(Channel.EMAIL, "promotions", "h-recipient"), pendingGrant("h-other")),
                erased("h-recipient"), List.of(), NOW);

        assertThat(otherTopic).isEqualTo(new Decision.Suppress(List.of(Reason.SUPPRESSED), null));
        assertThat(noGrant).isEqualTo(new Decision.Suppress(List.of(Reason.SUPPRESSED), null));
    }

    @Test
    void aBouncedAddressGetsNoConfirmationEvenWithAGrantAwaitingIt() {
        Suppressions bounced = (hmac, channel) -> Optional.of(SuppressionReason.HARD_BOUNCE);

        Decision d = Decider.decide(request().topic("consent-confirmation").recipientAddress("back@example.fr").build(),
                Optional.of(confirmation()), Optional.empty(), List.of(pendingGrant("h-recipient")), bounced,
                List.of(), NOW);

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.SUPPRESSED), null));
    }

    private static TopicInfo confirmation() {
        return new TopicInfo("consent-confirmation", false, "consent-confirmation", true, List.of(Channel.EMAIL))
                .asConsentConfirmation();
    }

    private static Consent pendingGrant(String addressHmac) {
        return new Consent(Channel.EMAIL, "promotions", Consent.Status.PENDING_CONFIRMATION, Consent.Basis.OPT_IN,
                addressHmac, null, "entry-pending");
    }

    private static Suppressions erased(String addressHmac) {
        return (hmac, channel) -> hmac.equals(addressHmac) ? Optional.of(SuppressionReason.ERASURE) : Optional.empty();
    }

    @Test
    void aSuppressedRecipientAddressGetsNothingEvenForService() {
        Decision d = Decider.decide(request().topic("billing").recipientAddress("new@example.fr").build(),
                Optional.of(billing()), Optional.empty(), List.of(), erased("h-recipient"),
                List.of(), NOW);

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.SUPPRESSED), null));
    }

    @Test
    void aRecipientAddressTakesTheChannelItsShapeAndTheRequestGive() {
        assertThat(recipientChannels("new@example.fr", List.of(), Channel.EMAIL)).containsExactly(Channel.EMAIL);
        assertThat(recipientChannels("+33612345678", List.of(), Channel.SMS)).containsExactly(Channel.SMS);
        // A double opt-in by letter: a postal address, on a request naming MAIL with MAIL content.
        assertThat(recipientChannels("Camille Durand, 1 rue de la Paix, 75002 Paris, FR", List.of(Channel.MAIL),
                Channel.MAIL)).containsExactly(Channel.MAIL);
    }

    @Test
    void aRecipientAddressWithoutContentOrChannelForItIsRejected() {
        // SMS content only: the email address has nothing to be sent.
        assertThat(recipientDecision("new@example.fr", List.of(), Channel.SMS)).isInstanceOf(Decision.Reject.class);
        // Neither an email address nor a number, and MAIL not named: nothing to derive.
        assertThat(recipientDecision("1 rue de la Paix, Paris", List.of(), Channel.MAIL))
                .isInstanceOf(Decision.Reject.class);
        assertThat(recipientDecision("+33612345678", List.of(Channel.EMAIL), Channel.SMS, Channel.EMAIL))
                .isInstanceOf(Decision.Reject.class);
        assertThat(((Decision.Reject) recipientDecision("new@example.fr", List.of(), Channel.SMS)).reasons())
                .containsExactly(Reason.INVALID_REQUEST);
    }

    private static List<Channel> recipientChannels(String address, List<Channel> channels, Channel... content) {
        Decision d = recipientDecision(address, channels, content);
        assertThat(d).isInstanceOf(Decision.Send.class);
        Decision.Send send = (Decision.Send) d;
        assertThat(send.deliveries()).extracting(Decision.Delivery::address).containsExactly(address);
        return send.deliveries().stream().map(Decision.Delivery::channel).toList();
    }

    private static Decision recipientDecision(String address, List<Channel> channels, Channel... content) {
        return decide(request().topic("billing").channels(channels.toArray(Channel[]::new)).contentFor(content)
                .recipientAddress(address).build(), billing(), null, List.of());
    }

    @Test
    void aCustomerUnknownToDispatchCannotBeReached() {
        Decision d = decide(request().build(), promotions(), null, List.of());

        assertThat(d).isEqualTo(new Decision.Suppress(List.of(Reason.NO_REACHABLE_CHANNEL), null));
    }
}
