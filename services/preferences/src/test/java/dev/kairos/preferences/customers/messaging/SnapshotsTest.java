package dev.kairos.preferences.customers.messaging;

import static dev.kairos.preferences.customers.PreferencesFormBuilder.camille;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.customers.ChangeKind;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.PreferencesChanged;
import dev.kairos.preferences.customers.PreferencesDocument;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesForm.PostalAddress;
import dev.kairos.preferences.customers.PreferencesForm.TopicChoice;
import dev.kairos.preferences.customers.PreferencesValidation;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.FrequencyCap;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotsTest {

    private static final Instant UPDATED_AT = Instant.parse("2026-11-23T10:15:30.123Z");

    /** Maps, encodes and decodes as a consumer would, so the assertions hold for what goes on the wire. */
    private static ContactPreferences published(PreferencesForm form, long version) {
        List<FieldProblem> problems = new ArrayList<>();
        PreferencesDocument document = PreferencesValidation.parse(form, Set.of(), problems);
        assertThat(problems).isEmpty();
        PreferencesChanged event = new PreferencesChanged("event-1",
                new CustomerPreferences("c-42", version, UPDATED_AT, document), ChangeKind.API);
        var serde = KairosSerdes.contactPreferences();
        return serde.decode(serde.encode(Snapshots.toRecord(event)));
    }

    @Test
    void carriesTheWholeDocumentWithItsVersion() {
        ContactPreferences snapshot = published(camille().pausedUntil("2026-12-24T00:00:00Z").build(), 7);

        assertThat(snapshot.getEventId()).isEqualTo("event-1");
        assertThat(snapshot.getCustomerId()).isEqualTo("c-42");
        assertThat(snapshot.getVersion()).isEqualTo(7);
        assertThat(snapshot.getUpdatedAt()).isEqualTo(UPDATED_AT);
        assertThat(snapshot.getLocale()).isEqualTo("fr-FR");
        assertThat(snapshot.getTimeZone()).isEqualTo("Europe/Paris");
        assertThat(snapshot.getJurisdiction()).isEqualTo("FR");
        assertThat(snapshot.getFormOfAddress().getTitle()).isEqualTo(Title.NONE);
        assertThat(snapshot.getFormOfAddress().getGivenName()).isEqualTo("Camille");
        assertThat(snapshot.getContactPoints().getEmail()).isEqualTo("camille.durand@example.fr");
        assertThat(snapshot.getContactPoints().getSms()).isEqualTo("+33612345678");
        assertThat(snapshot.getContactPoints().getPostal().getCity()).isEqualTo("Paris");
        assertThat(snapshot.getContactPoints().getPostal().getRegion()).isNull();
        assertThat(snapshot.getChannelPriority()).containsExactly(Channel.SMS, Channel.EMAIL, Channel.MAIL);
        assertThat(snapshot.getQuietHours()).singleElement().satisfies(q -> {
            assertThat(q.getFrom()).isEqualTo("21:00");
            assertThat(q.getTo()).isEqualTo("08:00");
            assertThat(q.getChannels()).containsExactly(Channel.SMS);
        });
        assertThat(snapshot.getSendWindows()).singleElement().satisfies(w -> {
            assertThat(w.getDays()).containsExactly("SATURDAY", "SUNDAY");
            assertThat(w.getFrom()).isEqualTo("10:00");
            assertThat(w.getTo()).isEqualTo("12:00");
        });
        assertThat(snapshot.getTopics()).containsOnlyKeys("promotions", "newsletter", "billing");
        assertThat(snapshot.getTopics().get("promotions").getFrequency())
                .isEqualTo(new FrequencyCap(1, Period.WEEK));
        assertThat(snapshot.getTopics().get("newsletter").getDigest())
                .isEqualTo(new Digest(Period.WEEK, "SATURDAY", "09:00"));
        assertThat(snapshot.getTopics().get("billing").getChannels()).containsExactly(Channel.SMS, Channel.EMAIL);
        assertThat(snapshot.getOverallCap()).isEqualTo(new FrequencyCap(3, Period.WEEK));
        assertThat(snapshot.getPausedUntil()).isEqualTo(Instant.parse("2026-12-24T00:00:00Z"));
    }

    @Test
    void tellsCatalogueDefaultsFromOptingOut() {
        ContactPreferences snapshot = published(camille()
                .topic("promotions", new TopicChoice(List.of(), null, null))
                .topic("billing", new TopicChoice(null, null, null))
                .build(), 1);

        assertThat(snapshot.getTopics().get("promotions").getChannels()).isEmpty();
        assertThat(snapshot.getTopics().get("billing").getChannels()).isNull();
    }

    @Test
    void leavesOutWhatTheCustomerDidNotGive() {
        ContactPreferences snapshot = published(camille()
                .email(null).sms(null).postal(null).jurisdiction(null)
                .withoutTopics()
                .withoutOverallCap()
                .build(), 1);

        assertThat(snapshot.getContactPoints().getEmail()).isNull();
        assertThat(snapshot.getContactPoints().getSms()).isNull();
        assertThat(snapshot.getContactPoints().getPostal()).isNull();
        assertThat(snapshot.getJurisdiction()).isNull();
        assertThat(snapshot.getTopics()).isEmpty();
        assertThat(snapshot.getPausedUntil()).isNull();
    }

    @Test
    void carriesARegionalJurisdictionAndPostalRegion() {
        ContactPreferences snapshot = published(camille()
                .jurisdiction(null)
                .postal(new PostalAddress("Sam Doe", List.of("1 Ocean Drive", "Apt 4"), "33139", "Miami Beach", "US",
                        "US-FL"))
                .build(), 1);

        assertThat(snapshot.getJurisdiction()).isEqualTo("US-FL");
        assertThat(snapshot.getContactPoints().getPostal().getLines()).containsExactly("1 Ocean Drive", "Apt 4");
        assertThat(snapshot.getContactPoints().getPostal().getRegion()).isEqualTo("US-FL");
    }
}
