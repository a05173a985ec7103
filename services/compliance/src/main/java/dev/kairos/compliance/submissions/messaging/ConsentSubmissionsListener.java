package dev.kairos.compliance.submissions.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.submissions.Submission;
import dev.kairos.compliance.submissions.SubmissionService;
import dev.kairos.compliance.submissions.SubmittedAction;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Consent submissions (keyed by customer) into the submission service. */
@Component
class ConsentSubmissionsListener {

    private final AvroSerde<ConsentSubmitted> serde = KairosSerdes.consentSubmitted();
    private final SubmissionService submissions;
    private final String topic;

    ConsentSubmissionsListener(SubmissionService submissions, TopicsProperties topics) {
        this.submissions = submissions;
        this.topic = topics.name("consent-submissions");
    }

    public String topic() {
        return topic;
    }

    @KafkaListener(id = "compliance.consent-submissions", topics = "#{__listener.topic()}")
    void on(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new SerializationException("A consent submission cannot be empty");
        }
        submissions.apply(submission(serde.decode(record.value())));
    }

    static Submission submission(ConsentSubmitted s) {
        dev.kairos.proto.preferences.Evidence e = s.getEvidence();
        return new Submission(s.getEventId(), s.getCustomerId(), SubmittedAction.valueOf(s.getAction().name()),
                Channel.valueOf(s.getChannel().name()), s.getPurpose(), s.getAddress(), s.getTokenNonce(),
                new Evidence(e.getSource(), e.getCollectionPoint(), e.getNoticeText(), e.getNoticeVersion(),
                        e.getIpAddress(), e.getUserAgent()),
                s.getSubmittedAt(), s.getBasis() == null ? null : LegalBasis.valueOf(s.getBasis().name()));
    }
}
