package dev.kairos.preferences.pages;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.PreferencesForm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A preference-centre form split in two: what is saved at once, and each new email address or phone number,
 * which waits for confirmation while the form saved keeps the current one. Removing an address, or changing
 * the postal address, takes effect at once: neither lets the holder of a link receive the customer's messages.
 *
 * @param saved   the submitted form with the current email and phone wherever the submitted ones are new
 * @param pending the new addresses by channel, to be confirmed
 */
record HeldContactPoints(PreferencesForm saved, Map<Channel, String> pending) {

    static HeldContactPoints of(PreferencesForm submitted, PreferencesForm current) {
        PreferencesForm.ContactPoints asked = submitted.contactPoints();
        PreferencesForm.ContactPoints now = current.contactPoints();
        Map<Channel, String> pending = new LinkedHashMap<>();
        String email = asked.email();
        if (isNew(email, now.email())) {
            pending.put(Channel.EMAIL, email);
            email = now.email();
        }
        String sms = asked.sms();
        if (isNew(sms, now.sms())) {
            pending.put(Channel.SMS, sms);
            sms = now.sms();
        }
        PreferencesForm.ContactPoints kept = new PreferencesForm.ContactPoints(email, sms, asked.postal());
        // As the page does: the jurisdiction stays only while the contact points stay as stored.
        PreferencesForm saved = submitted.withContactPoints(kept, kept.equals(now) ? current.jurisdiction() : null);
        return new HeldContactPoints(saved, Map.copyOf(pending));
    }

    private static boolean isNew(String asked, String current) {
        return asked != null && !asked.equals(current);
    }
}
