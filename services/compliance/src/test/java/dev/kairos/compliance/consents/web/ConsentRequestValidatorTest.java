package dev.kairos.compliance.consents.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.ConsentAction;
import dev.kairos.compliance.consents.RecordConsent;
import dev.kairos.compliance.consents.web.ConsentRequest.EvidenceRequest;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentRequestValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void aCompleteGrantBecomesACommand() {
        RecordConsent command = ConsentRequestValidator.validate(aRequest().build(), NOW);

        assertThat(command).isEqualTo(new RecordConsent("c-42", Channel.SMS, "promotions", ConsentAction.GRANT,
                "+33612345678", "FR", LegalBasis.OPT_IN, false, Instant.parse("2026-11-23T10:15:30Z"),
                new Evidence("WEB_FORM", "signup-v3", "Yes, send me offers by SMS.", "3", "203.0.113.7", "Mozilla/5.0",
                        Evidence.digest("Yes, send me offers by SMS."), null, Evidence.CUSTOMER, null)));
    }

    @Test
    void theNoticeIsKeptWithTheSha256OfItsExactTextAndWhoActedWithWhatTheySent() {
        EvidenceRequest byAnAgent = new EvidenceRequest("AGENT", "call-centre", "Oui, envoyez-moi des offres.", "7",
                null, null, null, "AGENT:a-17", "oui");

        Evidence evidence = ConsentRequestValidator.validate(aRequest().evidence(byAnAgent).build(), NOW).evidence();

        assertThat(evidence.noticeSha256())
                .isEqualTo("157e59bf139b1d9339c58e15301dcf16886ab7e0279757078d65b54d4d52ad14");
        assertThat(evidence.actor()).isEqualTo("AGENT:a-17");
        assertThat(evidence.rawInput()).isEqualTo("oui");
    }

    @Test
    void aNoticeDigestThatIsNotTheTextsIsRefused() {
        EvidenceRequest mismatched = new EvidenceRequest("WEB_FORM", null, "Yes.", "1", null, null, "0".repeat(64), null, null);
        EvidenceRequest digestOnly = new EvidenceRequest("WEB_FORM", null, null, "1", null, null, "a".repeat(64), null, null);
        EvidenceRequest badActor = new EvidenceRequest("WEB_FORM", null, null, null, null, null, "A".repeat(64), "Bob", null);

        assertThat(fieldsRefused(aRequest().evidence(mismatched).build())).containsExactly("evidence.noticeSha256");
        assertThat(ConsentRequestValidator.validate(aRequest().evidence(digestOnly).build(), NOW).evidence().noticeSha256())
                .isEqualTo("a".repeat(64));
        assertThat(fieldsRefused(aRequest().evidence(badActor).build()))
                .containsExactlyInAnyOrder("evidence.noticeSha256", "evidence.actor");
    }

    @Test
    void everyMissingFieldIsNamed() {
        ConsentRequest empty = new ConsentRequest(null, null, null, null, null, null, null, null, null, null);

        assertThat(fieldsRefused(empty)).containsExactlyInAnyOrder("customerId", "channel", "purpose", "action", "address");
    }

    @Test
    void anInvalidRequestIsRefusedWithAllItsProblemsAtOnce() {
        assertThatThrownBy(() -> ConsentRequestValidator.validate(aRequest().customerId("c 42").address("06").build(), NOW))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.problems()).hasSize(2));
    }

    @Test
    void aGrantNeedsABasisAndEvidence() {
        assertThat(fieldsRefused(aRequest().basis(null).evidence(null).build())).containsExactlyInAnyOrder("basis", "evidence");
        assertThat(fieldsRefused(aRequest().evidence(new EvidenceRequest(null, null, null, null, null, null, null, null, null)).build()))
                .containsExactly("evidence.source");
    }

    @Test
    void aWithdrawalNeedsNeitherBasisNorEvidence() {
        RecordConsent command = ConsentRequestValidator.validate(
                aRequest().action("WITHDRAW").basis(null).evidence(null).collectedAt(null).build(), NOW);

        assertThat(command.action()).isEqualTo(ConsentAction.WITHDRAW);
        assertThat(command.basis()).isNull();
        assertThat(command.evidence()).isNull();
        assertThat(command.collectedAt()).isNull();
    }

    @Test
    void doubleOptInAppliesToGrantsOnly() {
        assertThat(ConsentRequestValidator.validate(aRequest().doubleOptIn(true).build(), NOW).doubleOptIn()).isTrue();
        assertThat(ConsentRequestValidator.validate(aRequest().action("WITHDRAW").doubleOptIn(true).build(), NOW)
                .doubleOptIn()).isFalse();
    }

    @Test
    void valuesOutsideTheEnumerationsAreNamed() {
        ConsentRequest request = aRequest().channel("FAX").action("MAYBE").basis("LEGITIMATE_INTEREST").build();

        assertThat(problems(request)).extracting(FieldProblem::field).containsExactlyInAnyOrder("channel", "action", "basis");
        assertThat(problems(request)).filteredOn(p -> p.field().equals("channel"))
                .extracting(FieldProblem::message).containsExactly("must be one of EMAIL, SMS, MAIL");
    }

    @Test
    void aCustomerIdIsOneToOneHundredTwentyEightSafeCharacters() {
        assertThat(fieldsRefused(aRequest().customerId("crm:eu.c_42-7").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().customerId("c".repeat(128)).build())).isEmpty();
        assertThat(fieldsRefused(aRequest().customerId("c".repeat(129)).build())).containsExactly("customerId");
        assertThat(fieldsRefused(aRequest().customerId("c 42").build())).containsExactly("customerId");
        assertThat(fieldsRefused(aRequest().customerId("c/42").build())).containsExactly("customerId");
        assertThat(fieldsRefused(aRequest().customerId("").build())).containsExactly("customerId");
    }

    @Test
    void theAddressMustSuitTheChannel() {
        assertThat(fieldsRefused(aRequest().address("0612345678").build())).containsExactly("address");
        assertThat(fieldsRefused(aRequest().channel("EMAIL").address("+33612345678").build())).containsExactly("address");
        assertThat(fieldsRefused(aRequest().channel("EMAIL").address("ada@example.com").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().channel("MAIL").address("1 rue de Rivoli, 75001 Paris").build())).isEmpty();
    }

    @Test
    void aCollectionTimeMayBeAtMostFiveMinutesAhead() {
        assertThat(fieldsRefused(aRequest().collectedAt("2026-11-23T12:05:00Z").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().collectedAt("2026-11-23T12:05:00.001Z").build())).containsExactly("collectedAt");
        assertThat(fieldsRefused(aRequest().collectedAt("2026-11-23T13:04:00+01:00").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().collectedAt("yesterday").build())).containsExactly("collectedAt");
        assertThat(fieldsRefused(aRequest().collectedAt("2026-11-23T10:15:30").build())).containsExactly("collectedAt");
    }

    @Test
    void aJurisdictionIsACountryOrASubdivision() {
        assertThat(fieldsRefused(aRequest().jurisdiction("US-FL").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().jurisdiction("EU").build())).isEmpty();
        assertThat(fieldsRefused(aRequest().jurisdiction(null).build())).isEmpty();
        assertThat(fieldsRefused(aRequest().jurisdiction("France").build())).containsExactly("jurisdiction");
    }

    @Test
    void evidenceFieldsAreChecked() {
        EvidenceRequest evidence = new EvidenceRequest("WEB FORM", "signup-v3", null, null, "not-an-ip", "x".repeat(1_001), null, null, null);

        assertThat(fieldsRefused(aRequest().evidence(evidence).build()))
                .containsExactlyInAnyOrder("evidence.source", "evidence.ipAddress", "evidence.userAgent");
        assertThat(fieldsRefused(aRequest().evidence(new EvidenceRequest("API", null, null, null, "2001:db8::7", null, null, null, null))
                .build())).isEmpty();
    }

    private static List<String> fieldsRefused(ConsentRequest request) {
        return problems(request).stream().map(FieldProblem::field).toList();
    }

    private static List<FieldProblem> problems(ConsentRequest request) {
        try {
            ConsentRequestValidator.validate(request, NOW);
            return List.of();
        } catch (InvalidRequestException e) {
            return e.problems();
        }
    }

    private static Builder aRequest() {
        return new Builder();
    }

    private static final class Builder {
        private String customerId = "c-42";
        private String channel = "SMS";
        private String purpose = "promotions";
        private String action = "GRANT";
        private String address = "+33612345678";
        private String jurisdiction = "FR";
        private String basis = "OPT_IN";
        private Boolean doubleOptIn = false;
        private String collectedAt = "2026-11-23T10:15:30Z";
        private EvidenceRequest evidence = new EvidenceRequest("WEB_FORM", "signup-v3", "Yes, send me offers by SMS.",
                "3", "203.0.113.7", "Mozilla/5.0", null, null, null);

        Builder customerId(String value) { customerId = value; return this; }
        Builder channel(String value) { channel = value; return this; }
        Builder action(String value) { action = value; return this; }
        Builder address(String value) { address = value; return this; }
        Builder jurisdiction(String value) { jurisdiction = value; return this; }
        Builder basis(String value) { basis = value; return this; }
        Builder doubleOptIn(Boolean value) { doubleOptIn = value; return this; }
        Builder collectedAt(String value) { collectedAt = value; return this; }
        Builder evidence(EvidenceRequest value) { evidence = value; return this; }

        ConsentRequest build() {
            return new ConsentRequest(customerId, channel, purpose, action, address, jurisdiction, basis, doubleOptIn,
                    collectedAt, evidence);
        }
    }
}
