package dev.kairos.dispatch.channels.email;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.SendFailure;
import dev.kairos.dispatch.decision.Channel;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends email over SMTP, DKIM-signed when a key is configured. A 5xx reply is permanent; a 4xx reply, a refused
 * or broken connection are transient and retried. With an archive folder (the local run) each signed message
 * is also kept there as {@code <request id>.email.eml}, written before the SMTP call so that a repeat overwrites it.
 */
final class SmtpEmailSender implements ChannelSender {

    private final String provider;
    private final Session session;
    private final EmailComposer composer;
    private final DkimSigning dkim;
    private final Path archive;
    private final String password;

    /** {@code provider}: the relay's name in metrics and settings ({@code smtp}, {@code smtp-failover}). */
    SmtpEmailSender(String provider, SmtpServer server, EmailComposer composer, DkimSigning dkim, Path archive)
            throws IOException {
        this.provider = provider;
        Properties props = new Properties();
        props.put("mail.smtp.host", server.host());
        props.put("mail.smtp.port", Integer.toString(server.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        props.put("mail.smtp.starttls.enable", Boolean.toString(server.startTls()));
        if (server.username() != null && !server.username().isBlank()) {
            props.put("mail.smtp.auth", "true");
            props.put("mail.smtp.user", server.username());
        }
        this.session = Session.getInstance(props);
        this.composer = composer;
        this.dkim = dkim;
        this.archive = archive == null ? null : Files.createDirectories(archive);
        this.password = server.password();
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String send(Outgoing m) {
        MimeMessage message;
        try {
            message = composer.compose(m);
            if (dkim != null) {
                message = dkim.sign(message);
            }
        } catch (MessagingException e) {
            throw new SendFailure("not a valid email: " + e.getMessage(), true, e);
        }
        keep(m, message);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(null, password);
            transport.sendMessage(message, message.getAllRecipients());
            return message.getMessageID();
        } catch (SMTPAddressFailedException e) {
            throw new SendFailure("recipient refused: " + e.getReturnCode(), e.getReturnCode() >= 500, e);
        } catch (SMTPSendFailedException e) {
            throw new SendFailure("SMTP reply " + e.getReturnCode(), e.getReturnCode() >= 500, e);
        } catch (MessagingException e) {
            // A recipient refused at RCPT TO comes wrapped: the transport reports the message's invalid addresses.
            SMTPAddressFailedException refused = refusal(e);
            if (refused != null) {
                throw new SendFailure("recipient refused: " + refused.getReturnCode(), refused.getReturnCode() >= 500, e);
            }
            throw new SendFailure("SMTP server unreachable: " + e.getMessage(), false, e);
        }
    }

    private static SMTPAddressFailedException refusal(MessagingException e) {
        Exception next = e;
        for (int depth = 0; next != null && depth < 10; depth++) {
            if (next instanceof SMTPAddressFailedException refused) {
                return refused;
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        return null;
    }

    private void keep(Outgoing m, MimeMessage message) {
        if (archive == null) {
            return;
        }
        String name = m.fileName() + ".eml";
        Path partial = archive.resolve(name + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        } catch (IOException | MessagingException e) {
            throw new SendFailure("could not keep the local copy: " + e.getMessage(), false, e);
        }
        try {
            Files.move(partial, archive.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SendFailure("could not keep the local copy: " + e.getMessage(), false, e);
        }
    }

    /** Where to send: host, port, STARTTLS, and credentials if the server wants them. */
    record SmtpServer(String host, int port, boolean startTls, String username, String password) {
    }
}
