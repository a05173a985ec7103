package dev.kairos.compliance.activities;

import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.Ledger;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.rules.ConsentChange;
import dev.kairos.compliance.rules.ExpiryRules;
import dev.kairos.compliance.rules.Lifetime;
import dev.kairos.compliance.rules.Origin;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what customers did and what it does to their consents: an own action extends a French
 * prospect's consent, a purchase or an inquiry extends (or, for an address named with it, creates) CASL
 * implied consent. Each moved expiry is an {@code EXTENDED} ledger entry, each created consent a
 * {@code GRANTED} one, with the activity as evidence.
 */
@Service
public class ActivityService {

    static final String SOURCE = "ACTIVITY";
    static final String ACTOR = "SYSTEM:activities";

    private final Activities activities;
    private final ConsentService consents;
    private final Ledger ledger;
    private final ExpiryRules rules;
    private final Clock clock;

    ActivityService(Activities activities, ConsentService consents, Ledger ledger, ExpiryRules rules, Clock clock) {
        this.activities = activities;
        this.consents = consents;
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public RecordedActivity record(RecordActivity activity) {
        Instant now = clock.instant();
        long id = activities.add(activity.customerId(), activity.type(), activity.at(), now);
        List<LedgerEntry> entries = consents.apply(activity.customerId(), current -> decide(activity, current, now))
                .appended();
        return new RecordedActivity(id, entries);
    }

    private List<ConsentChange> decide(RecordActivity activity, List<Consent> current, Instant now) {
        List<ConsentChange> entries = new ArrayList<>();
        Evidence evidence = Evidence.bySystem(SOURCE, ACTOR, activity.type().name() + " " + activity.at());
        boolean namedConsentSeen = false;
        for (Consent consent : current) {
            boolean named = activity.namesAnAddress() && consent.channel() == activity.channel()
                    && consent.purpose().equals(activity.purpose());
            namedConsentSeen |= named && consent.at(now).status() != ConsentStatus.EXPIRED;
            if (consent.status() != ConsentStatus.ACTIVE) {
                continue;
            }
            String jurisdiction = ledger.entry(consent.entryId()).map(LedgerEntry::jurisdiction).orElse(null);
            Optional<Lifetime> extended = rules.afterActivity(consent.channel(), jurisdiction, consent.basis(),
                    consent.expiresAt(), activity.type(), activity.at());
            extended.ifPresent(lifetime -> entries.add(new ConsentChange(Origin.ACTIVITY, activity.customerId(),
                    EntryType.EXTENDED, consent.channel(), consent.purpose(), lifetime.basis(), jurisdiction,
                    consent.address(), activity.at(), lifetime.expiresAt(), evidence)));
        }
        // Implied consent never overrides a withdrawal, a pending confirmation or an express consent: it
        // only fills a channel and purpose with no consent, or one whose consent has lapsed. Nor does it
        // revive an address erased at the person's request: the grant policy refuses it, the activity is kept.
        if (activity.namesAnAddress() && !namedConsentSeen) {
            rules.impliedBy(activity.jurisdiction(), activity.type(), activity.at())
                    .filter(lifetime -> lifetime.expiresAt().isAfter(now))
                    .map(lifetime -> new ConsentChange(Origin.ACTIVITY, activity.customerId(), EntryType.GRANTED,
                            activity.channel(), activity.purpose(), lifetime.basis(), activity.jurisdiction(),
                            activity.address(), activity.at(), null, evidence))
                    .ifPresent(entries::add);
        }
        return entries;
    }
}
