package dev.kairos.compliance.contacts;

import dev.kairos.compliance.addresses.Channel;
import java.util.Map;

/**
 * The addresses a customer has on record, from one contact-preferences snapshot.
 *
 * @param version   the snapshot's per-customer version; an older or equal one changes nothing
 * @param addresses    the raw address per channel (postal as one line), only the channels present
 * @param jurisdiction the customer's ISO 3166 code (a US state as US-FL), or {@code null} when preferences
 *                     know none
 * @param locale       the customer's language, a BCP 47 tag such as {@code fr-FR}
 */
public record ContactSnapshot(String customerId, long version, Map<Channel, String> addresses, String jurisdiction,
                              String locale) {

    public ContactSnapshot {
        addresses = Map.copyOf(addresses);
    }
}
