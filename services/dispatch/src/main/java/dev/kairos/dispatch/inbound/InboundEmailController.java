package dev.kairos.dispatch.inbound;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.ComplaintReceived;
import dev.kairos.proto.dispatch.HardBounced;
import dev.kairos.proto.dispatch.UnsubscribeRequested;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inbound/email}: the raw RFC 5322 message an inbound mail provider received for us (a
 * bounce, a complaint, a mail to the unsubscribe address), as the body (ADR 0040). A permanent bounce becomes
 * {@code HardBounced} for each final recipient, a feedback report {@code ComplaintReceived} for the original
 * recipient, a mail to the mailto address {@code UnsubscribeRequested} for its sender; 202 once every signal is
 * on the topic. Nothing is published for a body that is no message (400) or says nothing we can act on (422).
 */
@RestController
@RequestMapping("/api/v1/inbound")
@SecurityRequirement(name = "bearer")
class InboundEmailController {

    static final int MAX_BYTES = 1024 * 1024;

    private final InboundMail reading;
    private final ChannelSignals signals;
    private final ComplaintRate complaints;
    private final Clock clock;
    private final MeterRegistry meters;

    InboundEmailController(InboundMail reading, ChannelSignals signals, ComplaintRate complaints, Clock clock,
                           MeterRegistry meters) {
        this.reading = reading;
        this.signals = signals;
        this.complaints = complaints;
        this.clock = clock;
        this.meters = meters;
    }

    @PostMapping(path = "/email", consumes = {"message/rfc822", "application/octet-stream", "text/plain"})
    @Operation(summary = "A mail that came back: a delivery status notification (RFC 3464), a feedback report "
            + "(RFC 5965) or a mail to the List-Unsubscribe mailto address, as raw RFC 5322 bytes")
    ResponseEntity<Map<String, Object>> email(HttpServletRequest request)
            throws IOException, InboundMail.Unreadable, InboundMail.NotActionable {
        byte[] raw = body(request.getInputStream());
        Instant now = clock.instant();
        InboundMail.Reading mail = reading.read(raw, "sha256:" + sha256(raw));
        List<String> published = new ArrayList<>();
        int transientFailures = 0;
        if (mail instanceof InboundMail.DeliveryReport report) {
            for (InboundMail.Bounce bounce : report.failed()) {
                signals.publish(origin(report.reportId(), "hard-bounce", bounce.recipient()), Channel.EMAIL,
                        bounce.recipient(), emptyToNull(bounce.diagnostic()), now, new HardBounced(bounce.status()));
                published.add("HardBounced");
            }
            transientFailures = report.transientFailures();
            count("bounce", "permanent", report.failed().size());
            count("bounce", "transient", transientFailures);
        } else if (mail instanceof InboundMail.FeedbackReport report) {
            signals.publish(origin(report.reportId(), "complaint", report.originalRecipient()), Channel.EMAIL,
                    report.originalRecipient(), report.feedbackType(), now, new ComplaintReceived(report.feedbackType()));
            complaints.complaint(report.sendingDomain());
            published.add("ComplaintReceived");
            count("complaint", "published", 1);
        } else if (mail instanceof InboundMail.UnsubscribeMail unsubscribe) {
            signals.publish(origin(unsubscribe.reportId(), "mailto-unsubscribe", unsubscribe.from()), Channel.EMAIL,
                    unsubscribe.from(), unsubscribe.subject(), now, new UnsubscribeRequested(null));
            published.add("UnsubscribeRequested");
            count("unsubscribe", "published", 1);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("signals", published);
        answer.put("transientFailures", transientFailures);
        return ResponseEntity.accepted().body(answer);
    }

    @ExceptionHandler(InboundMail.Unreadable.class)
    ResponseEntity<ProblemDetail> unreadable(InboundMail.Unreadable e) {
        count("unknown", "unreadable", 1);
        return problem(HttpStatus.BAD_REQUEST, "Not a mail", e.getMessage());
    }

    @ExceptionHandler(InboundMail.NotActionable.class)
    ResponseEntity<ProblemDetail> notActionable(InboundMail.NotActionable e) {
        count("unknown", "not-actionable", 1);
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Nothing to act on", e.getMessage());
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
                "The message may hold at most " + MAX_BYTES + " bytes.");
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).body(problem);
    }

    /** The same report about the same address is the same signal, however often the provider posts it. */
    private static String origin(String reportId, String kind, String address) {
        return "email-report/" + reportId + "/" + kind + "/" + address.trim().toLowerCase(Locale.ROOT);
    }

    private void count(String kind, String result, int n) {
        if (n > 0) {
            meters.counter("kairos.dispatch.email.inbound", "kind", kind, "result", result).increment(n);
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static byte[] body(InputStream in) throws IOException {
        byte[] raw = in.readNBytes(MAX_BYTES + 1);
        if (raw.length > MAX_BYTES) {
            throw new TooLarge();
        }
        return raw;
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body too large", null, false, false);
        }
    }
}
