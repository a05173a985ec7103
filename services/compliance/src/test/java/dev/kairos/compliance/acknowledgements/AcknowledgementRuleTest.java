package dev.kairos.compliance.acknowledgements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AcknowledgementRuleTest {

    private static final Evidence FORM = new Evidence("WEB_FORM", "signup", null, null, "198.51.100.23", null);
    private static final Evidence STOP = new Evidence(ConsentChange.SMS_KEYWORD_SOURCE, "channel-signal:1", null, null,
            null, null);

    private final AcknowledgementRule everyPurpose = new AcknowledgementRule(List.of("*"));

    @ParameterizedTest
    @EnumSource(value = Origin.class, names = {"API", "PAGE", "ACTIVITY", "CONFIRMATION", "SIGNAL"})
    void aConsentGivenOrWithdrawnOnAnyPathIsAcknowledged(Origin origin) {
        assertThat(everyPurpose.actionFor(change(origin, EntryType.GRANTED, Channel.EMAIL, FORM)))
                .contains(Acknowledgement.Action.GRANTED);
        assertThat(everyPurpose.actionFor(change(origin, EntryType.CONFIRMED, Channel.SMS, FORM)))
                .contains(Acknowledgement.Action.GRANTED);
        assertThat(everyPurpose.actionFor(change(origin, EntryType.WITHDRAWN, Channel.MAIL, FORM)))
                .contains(Acknowledgement.Action.WITHDRAWN);
    }

    @Test
    void anSmsStopGetsOnlyTheChannelsOwnConfirmation() {
        assertThat(everyPurpose.actionFor(change(Origin.SIGNAL, EntryType.WITHDRAWN, Channel.SMS, STOP))).isEmpty();
        assertThat(everyPurpose.actionFor(change(Origin.API, EntryType.WITHDRAWN, Channel.SMS, STOP)))
                .as("a STOP another system received and reports").isEmpty();
        assertThat(everyPurpose.actionFor(change(Origin.SIGNAL, EntryType.WITHDRAWN, Channel.EMAIL,
                new Evidence("MAILTO_UNSUBSCRIBE", "channel-signal:2", null, null, null, null))))
                .as("a mailto unsubscribe has no confirmation of its own").contains(Acknowledgement.Action.WITHDRAWN);
    }

    @Test
    void whatTheCustomerDidNotDoIsNotAcknowledged() {
        assertThat(everyPurpose.actionFor(change(Origin.EXPIRY, EntryType.EXPIRED, Channel.EMAIL, null))).isEmpty();
        assertThat(everyPurpose.actionFor(change(Origin.ACTIVITY, EntryType.EXTENDED, Channel.EMAIL, null))).isEmpty();
        assertThat(everyPurpose.actionFor(change(Origin.CATALOGUE, EntryType.WITHDRAWN, Channel.EMAIL, null))).isEmpty();
    }

    @Test
    void aGrantWaitingForItsConfirmationGetsTheConfirmationMessageInstead() {
        assertThat(everyPurpose.actionFor(change(Origin.PAGE, EntryType.PENDING_CONFIRMATION, Channel.EMAIL, FORM)))
                .isEmpty();
    }

    @Test
    void onlyTheConfiguredPurposesAreAcknowledged() {
        AcknowledgementRule some = new AcknowledgementRule(List.of("newsletter", " promotions "));
        AcknowledgementRule none = new AcknowledgementRule(List.of());

        assertThat(some.actionFor(change(Origin.API, EntryType.GRANTED, Channel.EMAIL, FORM))).isPresent();
        assertThat(some.actionFor(new ConsentChange(Origin.API, "c-42", EntryType.GRANTED, Channel.EMAIL, "partners",
                LegalBasis.OPT_IN, "FR", null, null, null, FORM))).isEmpty();
        assertThat(none.actionFor(change(Origin.API, EntryType.GRANTED, Channel.EMAIL, FORM))).isEqualTo(Optional.empty());
    }

    @Test
    void theLanguageIsFrenchForEveryFrenchTagAndEnglishOtherwise() {
        assertThat(List.of("fr", "fr-FR", "FR-ca", "fr_BE")).allSatisfy(tag -> assertThat(Language.of(tag))
                .isEqualTo(Language.FRENCH));
        assertThat(List.of("en-GB", "de", "fro", "")).allSatisfy(tag -> assertThat(Language.of(tag))
                .isEqualTo(Language.ENGLISH));
        assertThat(Language.of(null)).isEqualTo(Language.ENGLISH);
    }

    private static ConsentChange change(Origin origin, EntryType type, Channel channel, Evidence evidence) {
        return new ConsentChange(origin, "c-42", type, channel, "promotions",
                type == EntryType.WITHDRAWN ? null : LegalBasis.OPT_IN, "FR", null,
                Instant.parse("2026-11-24T09:00:00Z"), null, evidence);
    }
}
