package dev.kairos.dispatch.channels.email;

import dev.kairos.dispatch.channels.Outgoing;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Builds the RFC 5322 message of one email. Its {@code Message-ID} is derived from request and channel, so a
 * send repeated after a crash is the same message to every mail system that deduplicates. Marketing mail
 * carries {@code List-Unsubscribe} (the HTTPS one-click link and a mailto) and {@code List-Unsubscribe-Post}
 * (RFC 8058), and, for US and Canadian customers (CAN-SPAM, CASL) or when the jurisdiction is unknown, the
 * sender's postal address in the footer.
 */
final class EmailComposer {

    private final EmailSettings settings;
    private final InternetAddress from;
    private final Session session = Session.getInstance(new Properties());

    EmailComposer(EmailSettings settings) {
        this.settings = settings;
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("kairos.email.from is not an address", e);
        }
    }

    MimeMessage compose(Outgoing m) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, messageId(m));
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(m.address(), true));
        message.setSubject(m.subject() == null ? "" : m.subject(), "UTF-8");
        message.setSentDate(Date.from(m.decidedAt()));
        message.setHeader("X-Kairos-Request-Id", m.requestId());
        boolean footer = m.marketing() && needsPostalAddress(m.jurisdiction());
        if (m.marketing() && m.unsubscribeUrl() != null) {
            message.setHeader("List-Unsubscribe", "<" + m.unsubscribeUrl() + ">, <mailto:"
                    + settings.unsubscribeMailto() + "?subject=unsubscribe>");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        String text = m.text() == null ? null : m.text() + (footer ? "\n\n--\n" + settings.postalAddress() + "\n" : "");
        String html = m.html() == null ? null
                : m.html() + (footer ? "<hr><p>" + escape(settings.postalAddress()) + "</p>" : "");
        body(message, text, html);
        message.saveChanges();
        return message;
    }

    String messageId(Outgoing m) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.sendKey().getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + settings.messageIdDomain() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean needsPostalAddress(String jurisdiction) {
        if (jurisdiction == null || jurisdiction.isBlank()) {
            return true;
        }
        String country = jurisdiction.toUpperCase(Locale.ROOT);
        return country.startsWith("US") || country.startsWith("CA");
    }

    private static void body(MimeMessage message, String text, String html) throws MessagingException {
        if (html == null) {
            message.setText(text == null ? "" : text, "UTF-8");
            return;
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (text != null) {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            alternative.addBodyPart(plain);
        }
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, "UTF-8", "html");
        alternative.addBodyPart(rich);
        message.setContent(alternative);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }

    /** Keeps the derived Message-ID where Jakarta Mail would otherwise make up a new one on each save. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
