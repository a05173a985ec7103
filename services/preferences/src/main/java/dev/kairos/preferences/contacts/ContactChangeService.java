package dev.kairos.preferences.contacts;

import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.customers.ChangeKind;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.ExpectedVersion;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Holds a new email address or phone number given on the preference centre until its owner confirms it
 * (ADR 0028). Meanwhile the customer's document, its snapshot and so every message keep the old contact
 * point; the confirmation link goes to the new address only, lives 24 hours and works once.
 */
@Service
public class ContactChangeService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ContactChanges changes;
    private final ContactConfirmations confirmations;
    private final PreferencesService preferences;
    private final SignedLinks links;
    private final Clock clock;

    ContactChangeService(ContactChanges changes, ContactConfirmations confirmations, PreferencesService preferences,
                         SignedLinks links, Clock clock) {
        this.changes = changes;
        this.confirmations = confirmations;
        this.preferences = preferences;
        this.links = links;
        this.clock = clock;
    }

    /**
     * Holds {@code address} as the customer's pending contact point of {@code channel} and sends the
     * confirmation link to it. Joins the caller's transaction, so the page's save and the hold commit together.
     */
    @Transactional
    public ContactChange hold(String customerId, Channel channel, String address) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        LinkClaims claims = LinkClaims.contactChange(customerId, channel.name(), nonce(), now);
        ContactChange change = new ContactChange(UUID.randomUUID().toString(), customerId, channel, address,
                claims.nonce(), now, claims.expiresAt());
        changes.purgeExpired(now);
        changes.hold(change);
        confirmations.send(change, links.url(claims));
        return change;
    }

    /**
     * Applies the pending change that a followed link names, once: the new contact point replaces the old
     * in the customer's document, which publishes the new snapshot as any change does.
     *
     * @return the change applied; empty when the link was used already, replaced by a newer change, or expired
     */
    @Transactional
    public Optional<ContactChange> confirm(String customerId, String nonce) {
        Instant now = clock.instant();
        Optional<ContactChange> pending = changes.take(customerId, nonce)
                .filter(change -> now.isBefore(change.expiresAt()));
        pending.ifPresent(this::apply);
        return pending;
    }

    private void apply(ContactChange change) {
        CustomerPreferences current = preferences.get(change.customerId());
        PreferencesForm form = PreferencesForm.of(current.document());
        PreferencesForm.ContactPoints points = form.contactPoints();
        PreferencesForm.ContactPoints changed = change.channel() == Channel.EMAIL
                ? new PreferencesForm.ContactPoints(change.address(), points.sms(), points.postal())
                : new PreferencesForm.ContactPoints(points.email(), change.address(), points.postal());
        // As on the preference centre, a jurisdiction derived from the old contact points is not kept.
        preferences.replace(change.customerId(), form.withContactPoints(changed, null), ExpectedVersion.existing(),
                ChangeKind.CONTACT_CONFIRMED);
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
