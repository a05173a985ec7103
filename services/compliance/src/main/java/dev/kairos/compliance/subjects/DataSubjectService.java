package dev.kairos.compliance.subjects;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentEvents;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.suppressions.Suppression;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Data-subject requests (GDPR art. 15, 17 and 20): the export of everything Kairos holds on a customer, and
 * erasure. Erasure keeps what the law or the customer's own protection needs (ADR 0010): the ledger's
 * chained part (commitments only), a keyed hash of each address as a do-not-contact entry, and the proof of
 * US consents for 5 years, out of every API.
 */
@Service
public class DataSubjectService {

    /** TCPA / Telemarketing Sales Rule (16 CFR 310.5): consent records are kept 5 years (compliance.md item 10). */
    static final int US_RETENTION_YEARS = 5;

    private final SubjectRecords records;
    private final OtherServices others;
    private final ErasureEvents events;
    private final ConsentService consents;
    private final ConsentEvents consentEvents;
    private final AddressIndexing index;
    private final SuppressionService suppressions;
    private final AddressHmac addressHmac;
    private final Clock clock;

    DataSubjectService(SubjectRecords records, OtherServices others, ErasureEvents events, ConsentService consents,
                       ConsentEvents consentEvents, AddressIndexing index, SuppressionService suppressions,
                       AddressHmac addressHmac, Clock clock) {
        this.records = records;
        this.others = others;
        this.events = events;
        this.consents = consents;
        this.consentEvents = consentEvents;
        this.index = index;
        this.suppressions = suppressions;
        this.addressHmac = addressHmac;
        this.clock = clock;
    }

    /**
     * Compliance's records and what preferences and dispatch answer. The other services are asked outside
     * any database transaction; when one does not answer, there is no export rather than an incomplete one.
     */
    public CustomerExport export(String customerId) {
        CustomerExport.Compliance local = local(customerId);
        Object preferences = others.export("preferences", customerId);
        Object dispatch = others.export("dispatch", customerId);
        return new CustomerExport(customerId, clock.instant(), local, preferences, dispatch);
    }

    private CustomerExport.Compliance local(String customerId) {
        List<Consent> current = consents.current(customerId);
        Map<Channel, String> onRecord = index.addressesOf(customerId);
        Set<String> hmacs = new TreeSet<>(onRecord.values());
        current.stream().map(Consent::addressHmac).filter(Objects::nonNull).forEach(hmacs::add);
        List<Suppression> suppressed = hmacs.stream().map(suppressions::ofHmac).flatMap(Optional::stream).toList();
        return new CustomerExport.Compliance(current, records.ledger(customerId), records.confirmations(customerId),
                records.activities(customerId), onRecord, suppressed,
                records.emailMarketingOptOut(customerId).orElse(null));
    }

    /**
     * Erases the customer's personal data here, keeps each address as a keyed hash on the do-not-contact
     * list (reason ERASURE, every channel), and announces the erasure to the other services, in one
     * transaction.
     */
    @Transactional
    public Erasure erase(String customerId) {
        Instant now = clock.instant();
        Set<String> hmacs = new TreeSet<>(index.addressesOf(customerId).values());
        records.addresses(customerId).forEach(address -> hmacs.add(addressHmac.of(address)));
        for (String hmac : hmacs) {
            suppressions.suppressHmac(hmac, null, SuppressionReason.ERASURE, now, "ERASURE");
        }
        Instant retentionStart = now.atOffset(ZoneOffset.UTC).minusYears(US_RETENTION_YEARS).toInstant();
        int retained = records.retainUsProof(customerId, retentionStart, now);
        records.erase(customerId);
        index.forget(customerId);
        consentEvents.forgotten(customerId);
        events.erased(customerId, now, hmacs);
        return new Erasure(customerId, now, hmacs.size(), retained);
    }

    /** Deletes the US consent proof of erased customers once its 5 years have passed. */
    @Transactional
    public int purgeRetainedProof() {
        return records.purgeRetainedProof(clock.instant());
    }
}
