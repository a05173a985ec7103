package dev.kairos.compliance.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same change gets the same verdict whichever way it came in: each row is judged once per origin, and
 * every origin must get the row's verdict.
 */
class GrantPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant COLLECTED = Instant.parse("2026-11-24T09:00:00Z");
    private static final String ERASED = "erased@example.fr";
    private static final String KEPT = "kept@example.fr";
    private static final Evidence BY_THE_PERSON =
            new Evidence("WEB_FORM", "preference-centre", null, null, "198.51.100.23", "Mozilla/5.0");
    private static final Evidence CONFIRMED_ELSEWHERE = new Evidence("IMPORT", "batch-8", null, null, null, null)
            .withConfirmation(
            Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:05:00Z"), "nonce-1");
    private static final Evidence CONFIRMED_BY_THE_PERSON = BY_THE_PERSON.withConfirmation(
            Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T08:55:00Z"), "nonce-2");
    private static final Evidence IMPORTED = new Evidence("IMPORT", "batch-7", null, null, null, null);

    private final GrantPolicy policy = new GrantPolicy(new ExpiryRules());

    static Stream<Arguments> rows() {
        return Stream.of(
                row("a US text on an opt-in: TCPA wants prior express written consent",
                        EntryType.GRANTED, Channel.SMS, "US-FL", LegalBasis.OPT_IN, KEPT, BY_THE_PERSON, false,
                        refused("basis", "PRIOR_EXPRESS_WRITTEN")),
                row("soft opt-in without a purchase on record",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.SOFT_OPT_IN, KEPT, BY_THE_PERSON, false,
                        refused("basis", "existing buyer")),
                row("the basis rule comes before the buyer rule and the erased address",
                        EntryType.GRANTED, Channel.SMS, "US", LegalBasis.SOFT_OPT_IN, ERASED, IMPORTED, false,
                        refused("basis", "PRIOR_EXPRESS_WRITTEN")),
                row("soft opt-in by a buyer for an erased address: not the person's own act",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.SOFT_OPT_IN, ERASED, BY_THE_PERSON, true,
                        refused("address", "do-not-contact")),
                row("an imported opt-in for an erased address",
                        EntryType.PENDING_CONFIRMATION, Channel.EMAIL, "FR", LegalBasis.OPT_IN, ERASED, IMPORTED, false,
                        refused("address", "do-not-contact")),
                row("an opt-in by the person for an erased address, not confirmed from the address",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.OPT_IN, ERASED, BY_THE_PERSON, false,
                        refused("address", "double opt-in")),
                row("an opt-in by the person for an erased address, waiting for its confirmation",
                        EntryType.PENDING_CONFIRMATION, Channel.EMAIL, "FR", LegalBasis.OPT_IN, ERASED, BY_THE_PERSON,
                        false, admitted("2029-11-24T09:00:00Z")),
                row("an opt-in by the person for an erased address, confirmed by double opt-in, lapsing as the CNIL says",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.OPT_IN, ERASED, CONFIRMED_BY_THE_PERSON,
                        false, admitted("2029-11-24T09:00:00Z")),
                row("an imported opt-in for an erased address, with a double opt-in's evidence: not the person's fresh act",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.OPT_IN, ERASED, CONFIRMED_ELSEWHERE, false,
                        refused("address", "do-not-contact")),
                row("CASL implied consent after a purchase lasts two years",
                        EntryType.GRANTED, Channel.EMAIL, "CA-ON", LegalBasis.IMPLIED_PURCHASE, KEPT, IMPORTED, false,
                        admitted("2028-11-24T09:00:00Z")),
                row("soft opt-in by a buyer: no prospect lapse",
                        EntryType.GRANTED, Channel.EMAIL, "FR", LegalBasis.SOFT_OPT_IN, KEPT, BY_THE_PERSON, true,
                        admitted(null)),
                row("a German email opt-in given at once: UWG 7(2) Nr. 2 wants a double opt-in",
                        EntryType.GRANTED, Channel.EMAIL, "DE", LegalBasis.OPT_IN, KEPT, BY_THE_PERSON, false,
                        refused("doubleOptIn", "double opt-in")),
                row("a German email opt-in pending its confirmation",
                        EntryType.PENDING_CONFIRMATION, Channel.EMAIL, "DE-BY", LegalBasis.OPT_IN, KEPT, BY_THE_PERSON,
                        false, admitted(null)),
                row("a German email opt-in imported with its confirmation's evidence",
                        EntryType.GRANTED, Channel.EMAIL, "DE", LegalBasis.OPT_IN, KEPT, CONFIRMED_ELSEWHERE, false,
                        admitted(null)),
                row("a German existing customer (UWG 7(3)) needs no consent and so no confirmation",
                        EntryType.GRANTED, Channel.EMAIL, "DE", LegalBasis.SOFT_OPT_IN, KEPT, BY_THE_PERSON, true,
                        admitted(null)),
                row("a German text opt-in: the double opt-in rule is for email",
                        EntryType.GRANTED, Channel.SMS, "DE", LegalBasis.OPT_IN, KEPT, BY_THE_PERSON, false,
                        admitted(null)),
                row("a withdrawal is never held back, not even for an erased address in the US",
                        EntryType.WITHDRAWN, Channel.SMS, "US", null, ERASED, IMPORTED, false,
                        admitted(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyOriginGetsTheSameVerdict(String row, EntryType type, Channel channel, String jurisdiction,
                                       LegalBasis basis, String address, Evidence evidence, boolean buyer,
                                       Expected expected) {
        GrantPolicy.Facts facts = new GrantPolicy.Facts() {
            @Override
            public boolean purchasedBefore(String customerId, Instant at) {
                return buyer && !at.isAfter(COLLECTED);
            }

            @Override
            public boolean erased(String candidate) {
                return ERASED.equals(candidate);
            }
        };
        Set<Origin> origins = EnumSet.allOf(Origin.class);
        for (Origin origin : origins) {
            ConsentChange change = new ConsentChange(origin, "c-42", type, channel, "promotions", basis,
                    jurisdiction, address, COLLECTED, null, evidence);

            Verdict verdict = policy.judge(change, address, facts, NOW);

            expected.check(origin, verdict);
        }
    }

    private static Arguments row(String name, EntryType type, Channel channel, String jurisdiction, LegalBasis basis,
                                 String address, Evidence evidence, boolean buyer, Expected expected) {
        return Arguments.of(name, type, channel, jurisdiction, basis, address, evidence, buyer, expected);
    }

    private static Expected refused(String field, String because) {
        return (origin, verdict) -> {
            assertThat(verdict).as(origin.name()).isInstanceOf(Verdict.Refused.class);
            Verdict.Refused refusal = (Verdict.Refused) verdict;
            assertThat(refusal.field()).as(origin.name()).isEqualTo(field);
            assertThat(refusal.reason()).as(origin.name()).contains(because);
        };
    }

    private static Expected admitted(String expiresAt) {
        return (origin, verdict) -> assertThat(verdict).as(origin.name())
                .isEqualTo(new Verdict.Admitted(expiresAt == null ? null : Instant.parse(expiresAt)));
    }

    /** What a row expects of each origin's verdict. */
    interface Expected {
        void check(Origin origin, Verdict verdict);
    }
}
