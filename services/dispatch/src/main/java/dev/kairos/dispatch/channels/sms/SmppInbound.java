package dev.kairos.dispatch.channels.sms;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes each deliver_sm: kept in the inbox first, acknowledged after. When it cannot be kept, dispatch answers
 * "temporary application error" (ESME_RX_T_APPN) and the SMSC delivers it again later: nothing it sent is lost.
 */
final class SmppInbound implements MessageReceiverListener {

    private static final Logger log = LoggerFactory.getLogger(SmppInbound.class);

    private final SmsInbox inbox;
    private final Clock clock;
    private final MeterRegistry meters;

    SmppInbound(SmsInbox inbox, Clock clock, MeterRegistry meters) {
        this.inbox = inbox;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        String kind = deliverSm.isSmscDeliveryReceipt() ? "receipt" : "text";
        DeliverSmReading.Kept kept;
        try {
            kept = DeliverSmReading.read(deliverSm, clock.instant());
        } catch (RuntimeException e) {
            meters.counter("kairos.dispatch.sms.inbound", "kind", kind, "result", "unreadable").increment();
            log.warn("Refused an unreadable deliver_sm ({}): {}", kind, e.getMessage());
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RX_P_APPN);
        }
        try {
            inbox.keep(kept.key(), kept.received());
        } catch (RuntimeException e) {
            meters.counter("kairos.dispatch.sms.inbound", "kind", kind, "result", "deferred").increment();
            log.warn("Could not keep a deliver_sm ({}); the SMSC will deliver it again: {}", kind,
                    e.getClass().getName());
            throw new ProcessRequestException("cannot keep it now", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
        meters.counter("kairos.dispatch.sms.inbound", "kind", kind, "result", "kept").increment();
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // Nothing waits for a handset to become reachable: the SMSC retries its own deliveries.
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
