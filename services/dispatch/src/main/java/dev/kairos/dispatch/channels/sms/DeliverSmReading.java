package dev.kairos.dispatch.channels.sms;

import dev.kairos.platform.sms.SmsAddress;
import dev.kairos.platform.sms.SmsText;
import dev.kairos.proto.dispatch.SmsDeliveryReceipt;
import dev.kairos.proto.dispatch.SmsFromHandset;
import dev.kairos.proto.dispatch.SmsReceived;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;

/**
 * What one deliver_sm says. A delivery receipt (esm_class "SMSC delivery receipt") names the submitted message
 * by {@code receipted_message_id}, else by the {@code id:} of its text, and its state by {@code message_state},
 * else by the {@code stat:} of its text (SMPP 3.4 appendix B). A text from a handset carries the SMSC's id for it
 * in {@code receipted_message_id} when the SMSC gives one; without it dispatch makes one up, and a redelivery by
 * the SMSC then looks like a new text.
 */
final class DeliverSmReading {

    /** A deliver_sm as a record to keep, and the key to keep it under. */
    record Kept(String key, SmsReceived received) {
    }

    private static final Pattern ID = Pattern.compile("\\bid:(\\S+)");
    private static final Pattern STAT = Pattern.compile("\\bstat:(\\S+)");
    private static final Pattern ERR = Pattern.compile("\\berr:(\\S+)");
    private static final String[] MESSAGE_STATES = {"SCHEDULED", "ENROUTE", "DELIVRD", "EXPIRED", "DELETED",
            "UNDELIV", "ACCEPTD", "UNKNOWN", "REJECTD", "SKIPPED"};

    private DeliverSmReading() {
    }

    static Kept read(DeliverSm pdu, Instant now) {
        OptionalParameter.Receipted_message_id smscId = pdu.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        if (pdu.isSmscDeliveryReceipt()) {
            String text = new String(pdu.getShortMessage() == null ? new byte[0] : pdu.getShortMessage(),
                    StandardCharsets.ISO_8859_1);
            String id = smscId != null ? smscId.getValueAsString() : find(ID, text);
            if (id == null) {
                throw new IllegalArgumentException("a delivery receipt without a message id");
            }
            OptionalParameter.Message_state state = pdu.getOptionalParameter(OptionalParameter.Message_state.class);
            String stateName = state != null && state.getValue() >= 0 && state.getValue() < MESSAGE_STATES.length
                    ? MESSAGE_STATES[state.getValue()] : find(STAT, text);
            return new Kept(id, new SmsReceived(id, now, new SmsDeliveryReceipt(
                    stateName == null ? "UNKNOWN" : stateName.toUpperCase(Locale.ROOT), find(ERR, text))));
        }
        String id = smscId != null ? smscId.getValueAsString() : "dispatch-" + UUID.randomUUID();
        String source = SmsAddress.toKairos(pdu.getSourceAddrTon(), pdu.getSourceAddr());
        String text = SmsText.decode(pdu.getDataCoding(), shortMessage(pdu), pdu.isUdhi()).text();
        return new Kept(source, new SmsReceived(id, now, new SmsFromHandset(source,
                SmsAddress.toKairos(pdu.getDestAddrTon(), pdu.getDestAddress()), text)));
    }

    /** The short message, or the message_payload TLV that replaces it in a long deliver_sm. */
    private static byte[] shortMessage(DeliverSm pdu) {
        if (pdu.getShortMessage() != null && pdu.getShortMessage().length > 0) {
            return pdu.getShortMessage();
        }
        OptionalParameter.Message_payload payload = pdu.getOptionalParameter(OptionalParameter.Message_payload.class);
        return payload == null ? new byte[0] : payload.getValue();
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
