package dev.kairos.compliance.contacts.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.contacts.ContactSnapshot;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Contact-preferences snapshots (compacted, keyed by customer) into the address index; a tombstone removes the customer. */
@Component
class ContactPreferencesListener {

    private final AvroSerde<ContactPreferences> serde = KairosSerdes.contactPreferences();
    private final AddressIndexing indexing;
    private final String topic;

    ContactPreferencesListener(AddressIndexing indexing, TopicsProperties topics) {
        this.indexing = indexing;
        this.topic = topics.name("contact-preferences");
    }

    public String topic() {
        return topic;
    }

    @KafkaListener(id = "compliance.address-index", topics = "#{__listener.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            indexing.forget(record.key());
            return;
        }
        ContactPreferences preferences = serde.decode(record.value());
        indexing.apply(preferences.getEventId(), snapshot(preferences));
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
        return new ContactSnapshot(p.getCustomerId(), p.getVersion(), addresses, p.getJurisdiction());
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
