package dev.kairos.compliance.confirmations;

import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import dev.kairos.platform.events.AppliedEvents;
import dev.kairos.platform.links.LinkClaims;
import dev.kairos.platform.links.LinkPurpose;
import dev.kairos.platform.links.SignedLinks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Double opt-in (compliance.md item 5): for each pending grant, one confirmation message with a single-use
 * link signed by compliance's key, valid 7 days; the first click in time confirms the grant on the ledger,
 * later clicks and expired links confirm nothing; requests never confirmed lose their personal data after 30
 * days.
 */
@Service
public class ConfirmationService {

    static final String CONSUMER = "compliance.confirmations";

    /** The collection method of a confirmation that came without evidence of its own. */
    static final String CONFIRMATION_SOURCE = "CONFIRMATION";

    /** Kairos target (compliance.md item 5): a confirmation link works 7 days. */
    static final Duration LINK_LIFETIME = LinkPurpose.CONFIRM.lifetime();

    /** Kairos target (compliance.md item 5): personal data of requests never confirmed goes after 30 days. */
    static final Duration UNCONFIRMED_RETENTION = Duration.ofDays(30);

    private static final int NONCE_BYTES = 16;

    private final ConfirmationRequests requests;
    private final ConfirmationMessages messages;
    private final ConsentService consents;
    private final SignedLinks links;
    private final AppliedEvents applied;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();

    ConfirmationService(ConfirmationRequests requests, ConfirmationMessages messages, ConsentService consents,
                        SignedLinks links, AppliedEvents applied, Clock clock,
                        MeterRegistry meters) {
        this.requests = requests;
        this.messages = messages;
        this.consents = consents;
        this.links = links;
        this.applied = applied;
        this.clock = clock;
        this.meters = meters;
    }

    /** Sends the confirmation message for a pending grant, once per ledger entry. */
    @Transactional
    public void requestConfirmation(PendingGrant grant) {
        if (!applied.markApplied(CONSUMER, grant.entryId())) {
            return;
        }
        Optional<String> address = requests.addressOfEntry(grant.entryId());
        if (address.isEmpty()) {
            // Erased before we got to it: there is nobody to write to.
            return;
        }
        Instant now = clock.instant();
        String nonce = nonce();
        LinkClaims claims = new LinkClaims(LinkPurpose.CONFIRM, grant.customerId(), now.plus(LINK_LIFETIME),
                grant.purpose(), grant.channel().name(), nonce);
        ConfirmationRequest request = new ConfirmationRequest(nonce, grant.customerId(), grant.channel(),
                grant.purpose(), grant.basis(), grant.jurisdiction(), address.get(), grant.entryId(), now,
                claims.expiresAt(), null, null);
        requests.add(request);
        messages.send(request, links.url(claims));
        count("SENT");
    }

    /**
     * The customer followed the link and confirmed on the page at {@code clickedAt}. Confirms the grant on
     * the ledger if the link is unused, in time, and the grant is still the one pending.
     */
    @Transactional
    public ConfirmationRequest.Outcome confirm(String nonce, Evidence evidence, Instant clickedAt) {
        Optional<ConfirmationRequest> found = nonce == null ? Optional.empty() : requests.lock(nonce);
        if (found.isEmpty()) {
            return count(ConfirmationRequest.Outcome.UNKNOWN);
        }
        ConfirmationRequest request = found.get();
        ConfirmationRequest.Outcome outcome = request.check(clickedAt);
        if (outcome != ConfirmationRequest.Outcome.CONFIRMED) {
            return count(outcome);
        }
        boolean stillPending = consents.current(request.customerId()).stream()
                .filter(c -> c.channel() == request.channel() && c.purpose().equals(request.purpose()))
                .anyMatch(c -> c.status() == ConsentStatus.PENDING_CONFIRMATION
                        && c.entryId().toString().equals(request.pendingEntryId()));
        if (!stillPending) {
            return count(ConfirmationRequest.Outcome.SUPERSEDED);
        }
        // Both steps go into the chained evidence, so the ledger alone proves the double opt-in: when the
        // message went out, when the person clicked, and which single-use link (its nonce, spent by now) it was.
        Evidence proof = (evidence == null ? Evidence.bySystem(CONFIRMATION_SOURCE, Evidence.CUSTOMER, null) : evidence)
                .withConfirmation(request.sentAt(), clickedAt, request.nonce());
        // A confirmed opt-in is the person's own act: the consent path lifts what an erasure left on the address.
        var confirmed = consents.apply(new ConsentChange(Origin.CONFIRMATION, request.customerId(),
                EntryType.CONFIRMED, request.channel(), request.purpose(), request.basis(), request.jurisdiction(),
                request.address(), clickedAt, null, proof)).recorded();
        requests.confirmed(nonce, clickedAt, confirmed.entryId().toString());
        return count(ConfirmationRequest.Outcome.CONFIRMED);
    }

    /** Purges the personal data of requests sent more than 30 days before now and never confirmed. */
    @Transactional
    public int purgeUnconfirmed() {
        int purged = requests.purgeUnconfirmed(clock.instant().minus(UNCONFIRMED_RETENTION));
        if (purged > 0) {
            Counter.builder("kairos.compliance.confirmations.purged")
                    .description("Unconfirmed double opt-in requests whose personal data was purged")
                    .register(meters)
                    .increment(purged);
        }
        return purged;
    }

    private String nonce() {
        byte[] bytes = new byte[NONCE_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private ConfirmationRequest.Outcome count(ConfirmationRequest.Outcome outcome) {
        count(outcome.name());
        return outcome;
    }

    private void count(String outcome) {
        Counter.builder("kairos.compliance.confirmations")
                .description("Double opt-in confirmation messages sent and confirmation attempts, by outcome")
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }
}
