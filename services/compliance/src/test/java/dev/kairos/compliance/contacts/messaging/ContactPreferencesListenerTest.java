package dev.kairos.compliance.contacts.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.contacts.ContactSnapshot;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactPreferencesListenerTest {

    /** Creating a serde trusts the generated classes of its record (Avro 1.12), which building one needs. */
    private static final AvroSerde<ContactPreferences> SERDE = KairosSerdes.contactPreferences();

    @Test
    void everyContactPointBecomesAnAddressAndPostalOneLineAsDispatchWritesIt() {
        PostalAddress postal = PostalAddress.newBuilder().setRecipient("Camille Durand")
                .setLines(List.of("12 rue des Lilas", "Bât. B")).setPostalCode("75011").setCity("Paris")
                .setCountry("FR").build();

        ContactSnapshot snapshot = ContactPreferencesListener.snapshot(SERDE.decode(SERDE.encode(preferences(
                ContactPoints.newBuilder().setEmail("camille@example.fr").setSms("+33612345678").setPostal(postal).build()))));

        assertThat(snapshot.customerId()).isEqualTo("c-42");
        assertThat(snapshot.version()).isEqualTo(7);
        assertThat(snapshot.addresses()).isEqualTo(Map.of(
                Channel.EMAIL, "camille@example.fr",
                Channel.SMS, "+33612345678",
                Channel.MAIL, "Camille Durand, 12 rue des Lilas, Bât. B, 75011 Paris, FR"));
    }

    @Test
    void theSnapshotKeepsTheCustomersJurisdictionOrNoneWhenPreferencesKnowNone() {
        ContactPreferences known = preferences(ContactPoints.newBuilder().setEmail("pat@example.com").build());
        known.setJurisdiction("US-FL");

        assertThat(ContactPreferencesListener.snapshot(SERDE.decode(SERDE.encode(known))).jurisdiction()).isEqualTo("US-FL");
        assertThat(ContactPreferencesListener.snapshot(preferences(ContactPoints.newBuilder().build())).jurisdiction())
                .isNull();
    }

    @Test
    void absentContactPointsAreNotIndexed() {
        ContactSnapshot snapshot = ContactPreferencesListener.snapshot(preferences(
                ContactPoints.newBuilder().setSms("+33612345678").build()));

        assertThat(snapshot.addresses()).containsOnlyKeys(Channel.SMS);
    }

    private static ContactPreferences preferences(ContactPoints points) {
        return ContactPreferences.newBuilder().setEventId("e").setCustomerId("c-42").setVersion(7)
                .setUpdatedAt(Instant.parse("2026-11-20T10:00:00Z")).setLocale("fr-FR").setTimeZone("Europe/Paris")
                .setFormOfAddress(FormOfAddress.newBuilder().build()).setContactPoints(points).build();
    }
}
