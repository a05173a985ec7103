package dev.kairos.compliance.acknowledgements;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.contacts.AddressIndexing;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.rules.ConsentChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells the customer of the consents they gave or withdrew (the {@link AcknowledgementRule} says which), in
 * the transaction that records them: the request to dispatch is published if and only if the ledger entries
 * commit, once. One message per channel and action of a change, however many purposes it names (a mailto
 * unsubscribe withdraws every marketing purpose at once), in the customer's language.
 */
@Service
public class AcknowledgementService {

    static final String REQUEST_ID_PREFIX = "consent-acknowledgement:";

    private final AcknowledgementRule rule;
    private final AcknowledgementMessages messages;
    private final AddressIndexing index;
    private final MeterRegistry meters;

    AcknowledgementService(AcknowledgementMessages messages, AddressIndexing index, MeterRegistry meters,
                           @Value("${kairos.acknowledgements.purposes:" + AcknowledgementRule.EVERY_PURPOSE + "}")
                           List<String> purposes) {
        this.rule = new AcknowledgementRule(purposes);
        this.messages = messages;
        this.index = index;
        this.meters = meters;
    }

    /**
     * @param changes  the changes of one consent change, as admitted
     * @param recorded their ledger entries, in the same order
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recorded(String customerId, List<ConsentChange> changes, List<LedgerEntry> recorded) {
        Map<Group, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            int at = i;
            rule.actionFor(changes.get(i)).ifPresent(action -> groups
                    .computeIfAbsent(new Group(changes.get(at).channel(), action), g -> new ArrayList<>()).add(at));
        }
        if (groups.isEmpty()) {
            return;
        }
        Language language = language(customerId, changes);
        groups.forEach((group, indexes) -> {
            LedgerEntry first = recorded.get(indexes.get(0));
            List<String> purposes = indexes.stream().map(i -> changes.get(i).purpose()).distinct().toList();
            messages.send(new Acknowledgement(REQUEST_ID_PREFIX + first.entryId(), customerId, group.channel(),
                    group.action(), purposes, language, first.recordedAt()));
            Counter.builder("kairos.compliance.acknowledgements")
                    .description("Acknowledgements of consent changes handed to dispatch, by action and channel")
                    .tag("action", group.action().name())
                    .tag("channel", group.channel().name())
                    .register(meters)
                    .increment();
        });
    }

    /**
     * The customer's language as preferences has it; before their first snapshot, the language of the notice
     * they answered, if the evidence names one; else English.
     */
    private Language language(String customerId, List<ConsentChange> changes) {
        Optional<String> tag = index.localeOf(customerId).or(() -> changes.stream()
                .map(ConsentChange::evidence)
                .filter(e -> e != null && e.noticeLanguage() != null)
                .map(e -> e.noticeLanguage())
                .findFirst());
        return Language.of(tag.orElse(null));
    }

    private record Group(Channel channel, Acknowledgement.Action action) {
    }
}
