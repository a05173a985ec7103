package dev.kairos.preferences.consents.messaging;

import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.preferences.consents.ConsentSubmission;
import dev.kairos.preferences.consents.ConsentSubmissions;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.Evidence;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Appends each submission to the outbox, keyed by customer id, so compliance reads them in order per customer. */
@Component
class OutboxConsentSubmissions implements ConsentSubmissions {

    private final AvroSerde<ConsentSubmitted> serde = KairosSerdes.consentSubmitted();
    private final Outbox outbox;
    private final String topic;
    private final MeterRegistry meters;

    OutboxConsentSubmissions(Outbox outbox, TopicsProperties topics, MeterRegistry meters) {
        this.outbox = outbox;
        this.topic = topics.name("consent-submissions");
        this.meters = meters;
    }

    @Override
    public void submit(ConsentSubmission submission) {
        outbox.append(topic, submission.customerId(), serde.encode(toRecord(submission)), submission.eventId());
        meters.counter("kairos.preferences.consent.submissions", "action", submission.action().name()).increment();
    }

    static ConsentSubmitted toRecord(ConsentSubmission submission) {
        var evidence = submission.evidence();
        return ConsentSubmitted.newBuilder()
                .setEventId(submission.eventId())
                .setCustomerId(submission.customerId())
                .setAction(ConsentAction.valueOf(submission.action().name()))
                .setChannel(Channel.valueOf(submission.channel().name()))
                .setPurpose(submission.purpose())
                .setAddress(submission.address())
                .setTokenNonce(submission.tokenNonce())
                .setEvidence(Evidence.newBuilder()
                        .setSource(evidence.source())
                        .setCollectionPoint(evidence.collectionPoint())
                        .setNoticeText(evidence.noticeText())
                        .setNoticeVersion(evidence.noticeVersion())
                        .setNoticeSha256(evidence.noticeText() == null ? null : sha256(evidence.noticeText()))
                        .setIpAddress(evidence.ipAddress())
                        .setUserAgent(evidence.userAgent())
                        .setRawInput(evidence.rawInput())
                        .setNoticeLanguage(evidence.noticeLanguage())
                        .build())
                .setSubmittedAt(submission.submittedAt())
                .build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
