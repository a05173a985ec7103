package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.SendFailure;
import dev.kairos.platform.sms.SmsAddress;
import dev.kairos.platform.sms.SmsText;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dispatch's one transceiver bind to its SMSC. It binds in the background from start, keeps the bind alive with
 * enquire_link, and binds again after losing it, waiting longer after each failure (exponential backoff with
 * jitter). Submits wait for room in the window (requests not yet answered) and for the throughput limit; when
 * neither comes within the response time-out, or the link is down, the submit fails transiently and the channel
 * sender's retries take over.
 */
final class SmppLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmppLink.class);

    /** SMSC answers that mean "not now" (SMPP 3.4 § 5.1.3): the same text may be tried again. */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(SMPPConstant.STAT_ESME_RSYSERR,
            SMPPConstant.STAT_ESME_RMSGQFUL, SMPPConstant.STAT_ESME_RTHROTTLED, SMPPConstant.STAT_ESME_RX_T_APPN,
            SMPPConstant.STAT_ESME_RSUBMITFAIL);

    private final String provider;
    private final SmppSettings settings;
    private final MessageReceiverListener inbound;
    private final Semaphore window;
    private final RateLimiter throughput;
    private final ScheduledExecutorService binder = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "smpp-bind");
        thread.setDaemon(true);
        return thread;
    });
    private volatile SMPPSession session;
    private volatile boolean closed;
    private int failedBinds;

    /** {@code provider}: the SMSC's name in metrics ({@code smpp}, {@code smpp-failover}). */
    SmppLink(String provider, SmppSettings settings, MessageReceiverListener inbound, MeterRegistry meters) {
        this.provider = provider;
        this.settings = settings;
        this.inbound = inbound;
        this.window = new Semaphore(settings.window(), true);
        this.throughput = RateLimiter.of("smpp-throughput", RateLimiterConfig.custom()
                .limitForPeriod(settings.throughput())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(settings.responseTimeout())
                .build());
        meters.gauge("kairos.dispatch.sms.smpp.bound", io.micrometer.core.instrument.Tags.of("provider", provider), this,
                link -> link.bound() ? 1 : 0);
    }

    void start() {
        binder.execute(this::bind);
    }

    String provider() {
        return provider;
    }

    boolean bound() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /**
     * Submits each part in order, asking for a delivery receipt on the last one only (its receipt stands for the
     * text); returns the SMSC's ids, in part order.
     */
    List<String> submit(SmsAddress from, SmsAddress to, SmsText.Encoded text) {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isBound()) {
            throw new SendFailure("not bound to the SMSC", false, null);
        }
        ESMClass esm = new ESMClass(MessageMode.DEFAULT, MessageType.DEFAULT,
                text.concatenated() ? GSMSpecificFeature.UDHI : GSMSpecificFeature.DEFAULT);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < text.parts().size(); i++) {
            boolean last = i == text.parts().size() - 1;
            RegisteredDelivery receipt = new RegisteredDelivery(
                    last ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT);
            ids.add(submitPart(current, from, to, esm, receipt, text, text.parts().get(i)));
        }
        return ids;
    }

    private String submitPart(SMPPSession current, SmsAddress from, SmsAddress to, ESMClass esm,
                              RegisteredDelivery receipt, SmsText.Encoded text, byte[] part) {
        if (!throughput.acquirePermission()) {
            throw new SendFailure("SMSC throughput limit reached", false, null);
        }
        try {
            if (!window.tryAcquire(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SendFailure("SMSC window full", false, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailure("interrupted while waiting for the SMSC window", false, e);
        }
        try {
            return current.submitShortMessage("", TypeOfNumber.valueOf(from.typeOfNumber()),
                    NumberingPlanIndicator.valueOf(from.numberingPlan()), from.value(),
                    TypeOfNumber.valueOf(to.typeOfNumber()), NumberingPlanIndicator.valueOf(to.numberingPlan()),
                    to.value(), esm, (byte) 0, (byte) 1, null, null, receipt, (byte) 0,
                    DataCodings.newInstance(text.alphabet().dataCoding()), (byte) 0, part).getMessageId();
        } catch (NegativeResponseException e) {
            int status = e.getCommandStatus();
            throw new SendFailure("SMSC refused the text: status 0x" + Integer.toHexString(status),
                    !TRANSIENT_STATUSES.contains(status), e);
        } catch (PDUException e) {
            throw new SendFailure("not a valid submit_sm: " + e.getMessage(), true, e);
        } catch (ResponseTimeoutException | InvalidResponseException | IOException e) {
            throw new SendFailure("no answer from the SMSC: " + e.getMessage(), false, e);
        } finally {
            window.release();
        }
    }

    private void bind() {
        if (closed) {
            return;
        }
        SMPPSession attempt = new SMPPSession();
        attempt.setEnquireLinkTimer((int) settings.enquireLink().toMillis());
        attempt.setTransactionTimer(settings.responseTimeout().toMillis());
        attempt.setMessageReceiverListener(inbound);
        try {
            attempt.connectAndBind(settings.host(), settings.port(), new BindParameter(BindType.BIND_TRX,
                    settings.systemId(), settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), settings.responseTimeout().toMillis());
        } catch (IOException e) {
            Duration wait = backoff(failedBinds++, settings.reconnectMin(), settings.reconnectMax(),
                    ThreadLocalRandom.current().nextDouble());
            log.warn("Cannot bind to the SMSC at {}:{} ({}); trying again in {} ms", settings.host(), settings.port(),
                    e.getMessage(), wait.toMillis());
            binder.schedule(this::bind, wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        failedBinds = 0;
        session = attempt;
        attempt.addSessionStateListener((now, before, source) -> {
            if (now == SessionState.CLOSED) {
                binder.execute(() -> lost(attempt));
            }
        });
        log.info("Bound to the SMSC at {}:{} as a transceiver", settings.host(), settings.port());
        if (!attempt.getSessionState().isBound()) {
            lost(attempt);
        }
    }

    /** Runs on the binder thread: the session closed (link broken, unbound, enquire_link unanswered). */
    private void lost(SMPPSession closedSession) {
        if (closed || session != closedSession) {
            return;
        }
        session = null;
        Duration wait = backoff(failedBinds++, settings.reconnectMin(), settings.reconnectMax(),
                ThreadLocalRandom.current().nextDouble());
        log.warn("Lost the bind to the SMSC; binding again in {} ms", wait.toMillis());
        binder.schedule(this::bind, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The wait before the next bind: {@code min} doubled per failure so far, at most {@code max}, of which a random
     * half is taken off ({@code random} in [0, 1)) so that many instances do not bind again all at once.
     */
    static Duration backoff(int failures, Duration min, Duration max, double random) {
        long ceiling = min.toMillis() << Math.min(failures, 30);
        long capped = Math.min(max.toMillis(), ceiling <= 0 ? max.toMillis() : ceiling);
        return Duration.ofMillis(capped / 2 + (long) (capped / 2.0 * random));
    }

    @Override
    public void close() {
        closed = true;
        binder.shutdownNow();
        SMPPSession current = session;
        if (current != null) {
            current.unbindAndClose();
        }
    }
}
