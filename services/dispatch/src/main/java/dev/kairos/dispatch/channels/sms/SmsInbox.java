package dev.kairos.dispatch.channels.sms;

import dev.kairos.proto.dispatch.SmsReceived;

/** Where what the SMSC delivers is kept, durably, before dispatch acknowledges it. */
public interface SmsInbox {

    /**
     * Returns once the record is durable; throws otherwise, and the SMSC is then told to deliver it again.
     *
     * @param key the handset's number for a text (texts of one handset stay in order), the message id for a receipt
     */
    void keep(String key, SmsReceived received);
}
