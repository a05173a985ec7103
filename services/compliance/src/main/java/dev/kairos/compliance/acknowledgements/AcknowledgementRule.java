package dev.kairos.compliance.acknowledgements;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.Origin;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Which recorded consent changes the customer is told of: a consent given ({@code GRANTED}, or {@code CONFIRMED}
 * by the double opt-in's click) or withdrawn, whatever the path, for a purpose the setting names
 * ({@code kairos.acknowledgements.purposes}, {@value #EVERY_PURPOSE} for every purpose; ADR 0034). Never:
 * <ul>
 *   <li>a grant waiting for its confirmation: the confirmation message is the one the customer gets;</li>
 *   <li>an extension or an expiry: nothing the customer did;</li>
 *   <li>an opt-out by SMS keyword: the SMS channel answers a STOP itself with its one confirmation text
 *       (47 CFR 64.1200(a)(12), FCC 24-24), and a second message would break that "one";</li>
 *   <li>a withdrawal the catalogue brought ({@link Origin#CATALOGUE}): a purpose added after the customer's
 *       mailto unsubscribe, withdrawn on the strength of it, is no new act of theirs.</li>
 * </ul>
 */
public final class AcknowledgementRule {

    /** The setting's value for every purpose. */
    public static final String EVERY_PURPOSE = "*";

    private final Set<String> purposes;

    /** @param purposes the purposes acknowledged, or {@value #EVERY_PURPOSE}; none: nothing is acknowledged */
    public AcknowledgementRule(Collection<String> purposes) {
        this.purposes = Set.copyOf(purposes.stream().map(String::strip).filter(p -> !p.isEmpty()).toList());
    }

    /** What the customer is told of the change once recorded, or empty when nothing. */
    public Optional<Acknowledgement.Action> actionFor(ConsentChange change) {
        if (!purposes.contains(EVERY_PURPOSE) && !purposes.contains(change.purpose())
                || change.origin() == Origin.CATALOGUE || change.origin() == Origin.EXPIRY
                || change.channel() == Channel.SMS && ConsentChange.SMS_KEYWORD_SOURCE.equals(change.source())) {
            return Optional.empty();
        }
        return switch (change.type()) {
            case GRANTED, CONFIRMED -> Optional.of(Acknowledgement.Action.GRANTED);
            case WITHDRAWN -> Optional.of(Acknowledgement.Action.WITHDRAWN);
            case PENDING_CONFIRMATION, REFUSED, EXPIRED, EXTENDED -> Optional.empty();
        };
    }
}
