package dev.kairos.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.testing.TestInfrastructure;
import dev.kairos.platform.testing.TopicReader;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * End to end through a real broker: what the preferences service publishes when a customer opts in and then
 * unsubscribes on a page reaches dispatch's view of consent, compliance.consents.v1, as ACTIVE then WITHDRAWN,
 * with both steps on compliance.consent-ledger.v1. Only topics are used: in and out, as the other services do.
 */
class ConsentWithdrawalE2EIT extends RunningCompliance {

    @Autowired
    TopicsProperties topics;

    @Test
    void aWithdrawalSubmittedOnAPreferencesPageReachesTheConsentSnapshots() {
        String customer = "c-" + UUID.randomUUID();
        String email = customer + "@example.com";
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();

        try (var publisher = new Publisher();
             var states = new TopicReader(bootstrap, topics.name("consents"));
             var ledger = new TopicReader(bootstrap, topics.name("consent-ledger"))) {
            publisher.send(topics.name("consent-submissions"), customer,
                    Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null));
            ChannelConsent granted = emailPromotions(states.awaitValues(customer, KairosSerdes.consentState()::decode,
                    s -> !s.isEmpty()).get(0));
            assertThat(granted.getStatus()).isEqualTo(ConsentStatus.ACTIVE);
            assertThat(granted.getAddressHmac()).isEqualTo(Records.HMAC.of(email));

            // The unsubscribe page names no address: the withdrawal applies to the consent as given.
            publisher.send(topics.name("consent-submissions"), customer,
                    Records.submission(customer, ConsentAction.WITHDRAW, Channel.EMAIL, null, null));

            List<ConsentState> snapshots = states.awaitValues(customer, KairosSerdes.consentState()::decode,
                    s -> s.size() >= 2);
            ConsentState latest = snapshots.get(snapshots.size() - 1);
            assertThat(latest.getVersion()).isGreaterThan(snapshots.get(0).getVersion());
            ChannelConsent withdrawn = emailPromotions(latest);
            assertThat(withdrawn.getStatus()).isEqualTo(ConsentStatus.WITHDRAWN);
            assertThat(withdrawn.getAddressHmac()).isEqualTo(Records.HMAC.of(email));

            List<ConsentLedgerEntry> entries = ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode,
                    e -> e.size() >= 2);
            assertThat(entries).extracting(ConsentLedgerEntry::getType)
                    .containsExactly(LedgerEntryType.GRANTED, LedgerEntryType.WITHDRAWN);
            assertThat(entries.get(0).getSource()).isEqualTo("WEB_FORM");
            assertThat(entries.get(0).getEvidenceCommitment()).matches("[0-9a-f]{64}");
            assertThat(entries.get(1).getSource()).isEqualTo("UNSUBSCRIBE_LINK");
            assertThat(entries.get(1).getEntryId()).isEqualTo(withdrawn.getEntryId());
            assertThat(entries.get(1).getPreviousHash()).isEqualTo(entries.get(0).getHash());

            // The same unsubscribe link posted again and again: the consent is withdrawn already, so the
            // ledger gains nothing (submissions apply in order, so repeats would come before the new grant).
            for (int i = 0; i < 3; i++) {
                publisher.send(topics.name("consent-submissions"), customer,
                        Records.submission(customer, ConsentAction.WITHDRAW, Channel.EMAIL, null, null));
            }
            publisher.send(topics.name("consent-submissions"), customer,
                    Records.submission(customer, ConsentAction.GRANT, Channel.EMAIL, email, null));
            assertThat(ledger.awaitValues(customer, KairosSerdes.consentLedgerEntry()::decode, e -> e.size() >= 3))
                    .extracting(ConsentLedgerEntry::getType)
                    .containsExactly(LedgerEntryType.GRANTED, LedgerEntryType.WITHDRAWN, LedgerEntryType.GRANTED);
        }
    }

    private static ChannelConsent emailPromotions(ConsentState state) {
        return state.getConsents().stream()
                .filter(c -> c.getChannel() == Channel.EMAIL && c.getPurpose().equals("promotions"))
                .findFirst().orElseThrow();
    }
}
