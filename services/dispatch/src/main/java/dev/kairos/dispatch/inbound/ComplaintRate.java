package dev.kairos.dispatch.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Spam complaints per email sent from our sending domain, over a sliding window (mailbox providers judge a sender
 * by this rate, and refuse its mail above a fraction of a percent). Metrics, tagged by the sending domain only:
 * {@code kairos.dispatch.email.complaints} (counter) and {@code kairos.dispatch.email.complaint-rate} (gauge,
 * complaints ÷ sends in the window, at most 1). The sends are the sender's own counter
 * {@code kairos.dispatch.sends{channel=EMAIL}}, sampled into minute buckets whenever the rate is read or a
 * complaint counted. A complaint about mail from a domain we do not send from is counted under {@code other}, so
 * no report can add a tag value. Each instance counts its own sends and the complaints it received; summed over
 * instances the counters give the rate of the whole deployment.
 */
final class ComplaintRate {

    static final String OTHER_DOMAIN = "other";

    private final String sendingDomain;
    private final Duration window;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter complaints;
    private final Deque<Bucket> buckets = new ArrayDeque<>();
    /** The sends counter when last sampled: it starts with the application, at zero. */
    private double sendsSampled;

    ComplaintRate(String sendingDomain, Duration window, Clock clock, MeterRegistry meters) {
        this.sendingDomain = sendingDomain.toLowerCase(Locale.ROOT);
        this.window = window;
        this.clock = clock;
        this.meters = meters;
        this.complaints = Counter.builder("kairos.dispatch.email.complaints")
                .description("Spam complaints (ARF feedback reports) received, by sending domain")
                .tag("domain", this.sendingDomain).register(meters);
        Gauge.builder("kairos.dispatch.email.complaint-rate", this, ComplaintRate::rate)
                .description("Complaints per email sent over kairos.email.complaint-rate-window, by sending domain")
                .tag("domain", this.sendingDomain).register(meters);
    }

    /** Counts a complaint about mail sent from {@code domain} (null: from ours). */
    synchronized void complaint(String domain) {
        if (domain == null || domain.equalsIgnoreCase(sendingDomain)) {
            complaints.increment();
            current().complaints++;
        } else {
            meters.counter("kairos.dispatch.email.complaints", "domain", OTHER_DOMAIN).increment();
        }
    }

    synchronized double rate() {
        current();
        long sends = 0;
        long complained = 0;
        for (Bucket b : buckets) {
            sends += b.sends;
            complained += b.complaints;
        }
        return complained == 0 ? 0 : (double) complained / Math.max(sends, complained);
    }

    /** The bucket of the current minute, with the sends counted since the last sample; older buckets dropped. */
    private Bucket current() {
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (buckets.isEmpty() || buckets.peekLast().minute.isBefore(minute)) {
            buckets.addLast(new Bucket(minute));
        }
        while (!buckets.peekFirst().minute.isAfter(minute.minus(window))) {
            buckets.removeFirst();
        }
        double total = meters.find("kairos.dispatch.sends").tag("channel", "EMAIL").counters().stream()
                .mapToDouble(Counter::count).sum();
        buckets.peekLast().sends += Math.round(total - sendsSampled);
        sendsSampled = total;
        return buckets.peekLast();
    }

    private static final class Bucket {
        final Instant minute;
        long sends;
        long complaints;

        Bucket(Instant minute) {
            this.minute = minute;
        }
    }
}
