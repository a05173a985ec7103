package dev.kairos.compliance.ledger;

import static dev.kairos.compliance.ledger.LedgerEntryBuilder.anEntry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.ledger.ChainVerification.Verification;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerificationTest {

    private final LedgerEntry first = anEntry().build();
    private final LedgerEntry second = anEntry().after(first).customerId("c-43").build();
    private final LedgerEntry third = anEntry().after(second).customerId("c-44").build();

    @Test
    void anEmptyLedgerIsValid() {
        assertThat(verify(List.of())).isEqualTo(new Verification(true, 0, null));
    }

    @Test
    void anUnbrokenChainIsValid() {
        assertThat(verify(List.of(first, second, third))).isEqualTo(new Verification(true, 3, null));
    }

    @Test
    void anEntryChangedWithoutItsHashIsTheFirstInvalid() {
        LedgerEntry altered = anEntry().after(first).customerId("c-43").purpose("newsletter").unsealed()
                .withHash(second.hash());

        assertThat(verify(List.of(first, altered, third))).isEqualTo(new Verification(false, 2, 2L));
    }

    @Test
    void anEntryChangedAndRehashedBreaksTheLinkOfTheNext() {
        LedgerEntry rehashed = anEntry().after(first).customerId("c-43").purpose("newsletter").build();

        assertThat(verify(List.of(first, rehashed, third))).isEqualTo(new Verification(false, 3, 3L));
    }

    @Test
    void aRemovedEntryIsFoundAtTheEntryAfterIt() {
        assertThat(verify(List.of(first, third))).isEqualTo(new Verification(false, 2, 3L));
    }

    @Test
    void aChainMustStartAtTheGenesis() {
        LedgerEntry orphan = anEntry().previousHash("f".repeat(64)).build();

        assertThat(verify(List.of(orphan))).isEqualTo(new Verification(false, 1, 1L));
    }

    @Test
    void verificationStopsAtTheFirstInvalidEntry() {
        ChainVerification verification = new ChainVerification();
        LedgerEntry altered = anEntry().purpose("newsletter").unsealed().withHash(first.hash());

        assertThat(verification.check(altered)).isFalse();
        assertThat(verification.check(second)).isFalse();
        assertThat(verification.result()).isEqualTo(new Verification(false, 1, 1L));
    }

    private static Verification verify(List<LedgerEntry> entries) {
        ChainVerification verification = new ChainVerification();
        entries.forEach(verification::check);
        return verification.result();
    }
}
