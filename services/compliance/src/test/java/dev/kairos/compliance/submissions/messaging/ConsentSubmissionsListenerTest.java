package dev.kairos.compliance.submissions.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.submissions.Submission;
import dev.kairos.compliance.submissions.SubmittedAction;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.Evidence;
import dev.kairos.proto.preferences.SubmittedBasis;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsentSubmissionsListenerTest {

    /** Creating a serde trusts the generated classes of its record (Avro 1.12), which building one needs. */
    private static final AvroSerde<ConsentSubmitted> SERDE = KairosSerdes.consentSubmitted();

    @Test
    void aSoftOptInCollectedOnAPageKeepsItsBasis() {
        Submission submission = ConsentSubmissionsListener.submission(SERDE.decode(SERDE.encode(grant(SubmittedBasis.SOFT_OPT_IN))));

        assertThat(submission.action()).isEqualTo(SubmittedAction.GRANT);
        assertThat(submission.basis()).isEqualTo(LegalBasis.SOFT_OPT_IN);
    }

    @Test
    void aSubmissionThatNamesNoBasisLeavesItToTheServiceAsAnOptIn() {
        assertThat(ConsentSubmissionsListener.submission(SERDE.decode(SERDE.encode(grant(null)))).basis()).isNull();
    }

    @Test
    void theNoticeLanguageOfThePageGoesIntoTheEvidence() {
        ConsentSubmitted onAFrenchPage = grant(null);
        onAFrenchPage.getEvidence().setNoticeText("J’accepte de recevoir « Promotions » par e-mail.");
        onAFrenchPage.getEvidence().setNoticeLanguage("fr");

        Submission submission = ConsentSubmissionsListener.submission(SERDE.decode(SERDE.encode(onAFrenchPage)));

        assertThat(submission.evidence().noticeLanguage()).isEqualTo("fr");
        assertThat(submission.evidence().noticeText()).isEqualTo("J’accepte de recevoir « Promotions » par e-mail.");
    }

    @Test
    void aSubmissionWithoutANoticeLanguageRecordsNone() {
        assertThat(ConsentSubmissionsListener.submission(SERDE.decode(SERDE.encode(grant(null)))).evidence().noticeLanguage())
                .isNull();
    }

    private static ConsentSubmitted grant(SubmittedBasis basis) {
        return ConsentSubmitted.newBuilder().setEventId("e").setCustomerId("c-42").setAction(ConsentAction.GRANT)
                .setChannel(Channel.EMAIL).setPurpose("promotions").setAddress("ada@example.com")
                .setEvidence(Evidence.newBuilder().setSource("WEB_FORM").build())
                .setSubmittedAt(Instant.parse("2026-11-24T09:00:00Z")).setBasis(basis).build();
    }
}
