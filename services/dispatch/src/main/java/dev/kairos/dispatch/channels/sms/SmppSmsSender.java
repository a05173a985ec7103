package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.SendFailure;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.platform.sms.SmsAddress;
import dev.kairos.platform.sms.SmsText;
import dev.kairos.proto.dispatch.SmsSubmitted;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a text over the SMPP link: GSM 7-bit or UCS-2 as the text allows, split into concatenated parts when
 * long (their reference derived from request and channel, so a repeat is the same text to the handset). The
 * provider id is the SMSC's id of the last part, the one whose delivery receipt is asked for; it is recorded
 * with the request so the receipt finds it.
 */
final class SmppSmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmppSmsSender.class);

    private final SmppLink link;
    private final SmsAddress source;
    private final SmsSubmissions submissions;
    private final Clock clock;
    private final MeterRegistry meters;

    SmppSmsSender(SmppLink link, String sourceAddress, SmsSubmissions submissions, Clock clock, MeterRegistry meters) {
        this.link = link;
        this.source = SmsAddress.of(sourceAddress);
        this.submissions = submissions;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String provider() {
        return link.provider();
    }

    @Override
    public String send(Outgoing m) {
        SmsText.Encoded text;
        try {
            text = SmsText.encode(m.text() == null ? "" : m.text(), m.sendKey().hashCode());
        } catch (IllegalArgumentException e) {
            throw new SendFailure("not a text one SMS can carry: " + e.getMessage(), true, e);
        }
        List<String> ids = link.submit(source, SmsAddress.of(m.address()), text);
        String receiptId = ids.get(ids.size() - 1);
        try {
            submissions.record(SmsSubmitted.newBuilder().setSmscMessageId(receiptId).setRequestId(m.requestId())
                    .setCustomerId(m.customerId()).setTopic(m.topic()).setCampaignId(m.campaignId())
                    .setConsentEntryId(m.consentEntryId()).setParts(ids.size()).setSubmittedAt(clock.instant())
                    .build());
        } catch (RuntimeException e) {
            // The text is out: failing now would send it again. Its receipt will find no request (dead letter).
            meters.counter("kairos.dispatch.sms.submissions.unrecorded").increment();
            log.warn("Sent SMS {} of request {} but could not record it: {}", receiptId, m.requestId(),
                    e.getClass().getName());
        }
        return receiptId;
    }
}
