package dev.kairos.compliance.contacts.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.contacts.ContactSnapshot;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Contact-preferences snapshots (compacted, keyed by customer) into the address index; a tombstone removes the customer. */
@Configuration(proxyBeanMethods = false)
class ContactPreferencesListener {

    @Bean
    Consumer<Message<byte[]>> addressIndex(AddressIndexing indexing) {
        return KairosConsumers.keyed(KairosSerdes.contactPreferences(), (customer, preferences) -> {
            if (preferences == null) {
                indexing.forget(customer);
            } else {
                indexing.apply(preferences.getEventId(), snapshot(preferences));
            }
        });
    }

    static ContactSnapshot snapshot(ContactPreferences p) {
        Map<Channel, String> addresses = new EnumMap<>(Channel.class);
        ContactPoints points = p.getContactPoints();
        if (points.getEmail() != null) {
            addresses.put(Channel.EMAIL, points.getEmail());
        }
        if (points.getSms() != null) {
            addresses.put(Channel.SMS, points.getSms());
        }
        if (points.getPostal() != null) {
            addresses.put(Channel.MAIL, postalLine(points.getPostal()));
        }
        return new ContactSnapshot(p.getCustomerId(), p.getVersion(), addresses, p.getJurisdiction(), p.getLocale());
    }

    /**
     * The postal address as one line, as dispatch writes it on letters and signals: recipient, lines,
     * postal code and city, country, joined by ", ". The address HMAC is computed over this line.
     */
    static String postalLine(PostalAddress a) {
        return String.join(", ", a.getRecipient(), String.join(", ", a.getLines()), a.getPostalCode() + " " + a.getCity(),
                a.getCountry());
    }
}
