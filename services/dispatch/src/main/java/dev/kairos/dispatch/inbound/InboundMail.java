package dev.kairos.dispatch.inbound;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What a mail that came back to us says, read from its raw RFC 5322 bytes: a delivery status notification
 * (RFC 3464, {@code multipart/report; report-type=delivery-status}), a feedback report (ARF, RFC 5965,
 * {@code report-type=feedback-report}), or a plain mail to the {@code List-Unsubscribe} mailto address.
 */
final class InboundMail {

    /** One recipient of a delivery status notification. */
    record Bounce(String recipient, String status, String diagnostic) {

        /** RFC 3464 § 2.3.3 and RFC 3463: {@code Action: failed} with a 5.x.x status is a permanent failure. */
        boolean permanent() {
            return status.startsWith("5.");
        }
    }

    /** What the mail is. */
    sealed interface Reading {
    }

    record DeliveryReport(String reportId, List<Bounce> failed, int transientFailures) implements Reading {
    }

    record FeedbackReport(String reportId, String originalRecipient, String feedbackType, String sendingDomain)
            implements Reading {
    }

    record UnsubscribeMail(String reportId, String from, String subject) implements Reading {
    }

    /** A message we could read but that none of the kinds above describes well enough to act on. */
    static final class NotActionable extends Exception {
        NotActionable(String why) {
            super(why);
        }
    }

    /** Bytes that are no RFC 5322 message. */
    static final class Unreadable extends Exception {
        Unreadable(String why, Throwable cause) {
            super(why, cause);
        }
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    private final String unsubscribeAddress;

    InboundMail(String unsubscribeAddress) {
        this.unsubscribeAddress = unsubscribeAddress.trim().toLowerCase(Locale.ROOT);
    }

    Reading read(byte[] raw, String fallbackId) throws Unreadable, NotActionable {
        MimeMessage mail;
        ContentType type;
        try {
            mail = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            if (!mail.getAllHeaders().hasMoreElements()) {
                throw new Unreadable("the body is not an RFC 5322 message: it has no header", null);
            }
            type = new ContentType(mail.getContentType());
        } catch (MessagingException e) {
            throw new Unreadable("the body is not an RFC 5322 message: " + e.getMessage(), e);
        }
        try {
            String id = Optional.ofNullable(mail.getMessageID()).filter(s -> !s.isBlank()).orElse(fallbackId);
            if (type.match("multipart/report")) {
                String reportType = Optional.ofNullable(type.getParameter("report-type")).orElse("")
                        .toLowerCase(Locale.ROOT);
                return switch (reportType) {
                    case "delivery-status" -> deliveryReport(id, (Multipart) mail.getContent());
                    case "feedback-report" -> feedbackReport(id, (Multipart) mail.getContent());
                    default -> throw new NotActionable("a report of type '" + reportType + "' is not handled");
                };
            }
            if (addressedToUnsubscribe(mail)) {
                InternetAddress[] from = (InternetAddress[]) mail.getFrom();
                if (from == null || from.length != 1 || from[0].getAddress() == null) {
                    throw new NotActionable("a mail to the unsubscribe address needs exactly one From address");
                }
                return new UnsubscribeMail(id, from[0].getAddress(), mail.getSubject());
            }
            throw new NotActionable("neither a delivery report, a feedback report nor a mail to the unsubscribe address");
        } catch (MessagingException | IOException | ClassCastException e) {
            throw new Unreadable("the message's structure cannot be read: " + e.getMessage(), e);
        }
    }

    private DeliveryReport deliveryReport(String id, Multipart report) throws MessagingException, IOException,
            NotActionable {
        Part status = part(report, "message/delivery-status")
                .or(() -> part(report, "message/global-delivery-status"))
                .orElseThrow(() -> new NotActionable("a delivery report without a message/delivery-status part"));
        List<Bounce> failed = new ArrayList<>();
        int transientFailures = 0;
        try (InputStream fields = rawStream(status)) {
            new InternetHeaders(fields); // the per-message fields (Reporting-MTA, Arrival-Date): not needed
            while (fields.available() > 0) {
                InternetHeaders recipient = new InternetHeaders(fields);
                String action = field(recipient, "Action").toLowerCase(Locale.ROOT);
                String address = typedAddress(field(recipient, "Final-Recipient"));
                if (address.isEmpty() || !action.equals("failed") && !action.equals("delayed")) {
                    continue;
                }
                Bounce bounce = new Bounce(address, statusCode(field(recipient, "Status")),
                        field(recipient, "Diagnostic-Code"));
                if (action.equals("failed") && bounce.permanent()) {
                    failed.add(bounce);
                } else {
                    transientFailures++;
                }
            }
        }
        if (failed.isEmpty() && transientFailures == 0) {
            throw new NotActionable("a delivery report naming no failed recipient (Final-Recipient, Action, Status)");
        }
        return new DeliveryReport(id, failed, transientFailures);
    }

    private static FeedbackReport feedbackReport(String id, Multipart report) throws MessagingException, IOException,
            NotActionable {
        Part feedback = part(report, "message/feedback-report")
                .orElseThrow(() -> new NotActionable("a feedback report without a message/feedback-report part"));
        InternetHeaders fields;
        try (InputStream in = rawStream(feedback)) {
            fields = new InternetHeaders(in);
        }
        InternetHeaders original = originalHeaders(report);
        String recipient = firstAddress(field(fields, "Original-Rcpt-To"))
                .or(() -> original == null ? Optional.empty() : firstAddress(field(original, "To")))
                .orElseThrow(() -> new NotActionable(
                        "a feedback report naming no original recipient (Original-Rcpt-To, or To of the original)"));
        String sendingDomain = original == null ? null
                : firstAddress(field(original, "From")).map(a -> a.substring(a.indexOf('@') + 1)).orElse(null);
        String feedbackType = field(fields, "Feedback-Type");
        return new FeedbackReport(id, recipient, feedbackType.isEmpty() ? null : feedbackType, sendingDomain);
    }

    /** The headers of the reported message: a {@code message/rfc822} or {@code text/rfc822-headers} part. */
    private static InternetHeaders originalHeaders(Multipart report) throws MessagingException, IOException {
        Optional<Part> part = part(report, "message/rfc822").or(() -> part(report, "text/rfc822-headers"));
        if (part.isEmpty()) {
            return null;
        }
        try (InputStream in = rawStream(part.get())) {
            return new InternetHeaders(in);
        }
    }

    private boolean addressedToUnsubscribe(MimeMessage mail) throws MessagingException {
        for (String header : List.of("To", "Cc", "Delivered-To", "X-Original-To")) {
            String[] values = mail.getHeader(header);
            if (values == null) {
                continue;
            }
            for (String value : values) {
                for (InternetAddress a : parse(value)) {
                    if (unsubscribeAddress.equals(a.getAddress().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Optional<Part> part(Multipart multipart, String type) {
        try {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return Optional.of(part);
                }
            }
            return Optional.empty();
        } catch (MessagingException e) {
            return Optional.empty();
        }
    }

    /** The part's bytes as they were: Jakarta Mail has no content handler for the report types. */
    private static InputStream rawStream(Part part) throws MessagingException {
        return ((MimeBodyPart) part).getRawInputStream();
    }

    private static String field(InternetHeaders headers, String name) {
        String value = headers.getHeader(name, ",");
        return value == null ? "" : value.trim();
    }

    /** {@code rfc822; user@example.org} (RFC 3464 § 2.3.2, RFC 5965 § 3.2) to the address. */
    private static String typedAddress(String value) {
        int semicolon = value.indexOf(';');
        String address = (semicolon < 0 ? value : value.substring(semicolon + 1)).trim();
        return firstAddress(address).orElse("");
    }

    private static Optional<String> firstAddress(String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return parse(value).stream().map(InternetAddress::getAddress).filter(a -> a != null && a.contains("@"))
                .findFirst();
    }

    private static List<InternetAddress> parse(String value) {
        try {
            return List.of(InternetAddress.parseHeader(value, false));
        } catch (AddressException e) {
            return List.of();
        }
    }

    /** {@code 5.1.1} out of {@code 5.1.1 (bad mailbox)}. */
    private static String statusCode(String status) {
        int space = status.indexOf(' ');
        return space < 0 ? status : status.substring(0, space);
    }
}
