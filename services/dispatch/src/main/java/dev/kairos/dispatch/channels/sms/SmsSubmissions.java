package dev.kairos.dispatch.channels.sms;

import dev.kairos.proto.dispatch.SmsSubmitted;
import java.util.Optional;

/** The texts handed to the SMSC, by the id of the part that asked for a delivery receipt. */
public interface SmsSubmissions {

    /** Keeps one submission; returns once it is durable. */
    void record(SmsSubmitted submitted);

    /** The submission a receipt is about, as recorded up to now. */
    Optional<SmsSubmitted> find(String smscMessageId);

    /** Whether a text for this request id was handed to the SMSC (a keyword's reply, by its derived request id). */
    boolean submittedFor(String requestId);
}
