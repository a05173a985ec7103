package dev.kairos.compliance.submissions.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.submissions.Submission;
import dev.kairos.compliance.submissions.SubmissionService;
import dev.kairos.compliance.submissions.SubmittedAction;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Consent submissions (keyed by customer) into the submission service; a tombstone is dead-lettered. */
@Configuration(proxyBeanMethods = false)
class ConsentSubmissionsListener {

    @Bean
    Consumer<Message<byte[]>> consentSubmissions(SubmissionService submissions) {
        return KairosConsumers.values(KairosSerdes.consentSubmitted(), s -> submissions.apply(submission(s)));
    }

    static Submission submission(ConsentSubmitted s) {
        dev.kairos.proto.preferences.Evidence e = s.getEvidence();
        return new Submission(s.getEventId(), s.getCustomerId(), SubmittedAction.valueOf(s.getAction().name()),
                Channel.valueOf(s.getChannel().name()), s.getPurpose(), s.getAddress(), s.getTokenNonce(),
                new Evidence(e.getSource(), e.getCollectionPoint(), e.getNoticeText(), e.getNoticeVersion(),
                        e.getIpAddress(), e.getUserAgent()).withNotice(e.getNoticeLanguage(), null, null),
                s.getSubmittedAt(), s.getBasis() == null ? null : LegalBasis.valueOf(s.getBasis().name()));
    }
}
