package dev.kairos.dispatch.channels;

import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.SendApproved;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;

/**
 * The local email end: each message becomes an RFC 5322 {@code .eml} file that any mail client opens.
 * Marketing messages carry {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} (RFC 8058).
 */
class EmlFileWriter implements MessageWriter {

    private final Path folder;
    private final InternetAddress from;
    private final Session session = Session.getInstance(new Properties());

    EmlFileWriter(Path folder, String from) throws IOException {
        this.folder = Files.createDirectories(folder);
        try {
            this.from = new InternetAddress(from, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("kairos.email.from is not an address", e);
        }
    }

    @Override
    public String write(SendApproved send) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(send.getAddress(), true));
            message.setSubject(send.getSubject() == null ? "" : send.getSubject(), "UTF-8");
            message.setSentDate(Date.from(send.getDecidedAt()));
            message.setHeader("X-Kairos-Request-Id", send.getRequestId());
            if (send.getCategory() == TopicCategory.MARKETING && send.getUnsubscribeUrl() != null) {
                message.setHeader("List-Unsubscribe", "<" + send.getUnsubscribeUrl() + ">");
                message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            body(message, send);
            message.saveChanges();
            Path file = folder.resolve(FileNames.of(send.getRequestId(), "email") + ".eml");
            Path partial = folder.resolve(file.getFileName() + ".partial");
            try (OutputStream out = Files.newOutputStream(partial)) {
                message.writeTo(out);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return message.getMessageID();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not write the email file", e);
        }
    }

    private static void body(MimeMessage message, SendApproved send) throws MessagingException {
        String text = send.getText();
        String html = send.getHtml();
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
}
