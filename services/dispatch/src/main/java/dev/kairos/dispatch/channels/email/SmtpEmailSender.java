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
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends email over SMTP, DKIM-signed when a key is configured. A 5xx reply is permanent; a 4xx reply, a refused
 * or broken connection are transient and retried. With an archive folder (the local run) each signed message
 * is also kept there as {@code <request id>.email.eml}, written before the SMTP call so that a repeat overwrites it.
 *
 * <p>Connections are kept open between sends, one per sending thread at a time (an idle pool): a send costs one
 * SMTP transaction, not a TCP connection, a greeting, {@code EHLO}, authentication and {@code QUIT}. A kept
 * connection is checked with {@code NOOP} before it is used, is closed after {@link #MESSAGES_PER_CONNECTION}
 * messages or {@link #IDLE_LIMIT} unused, and is dropped after any failure. Once the server has taken a message
 * (the reply to its data), nothing that happens to the connection afterwards makes the send a failure: that would
 * send it again.
 */
final class SmtpEmailSender implements ChannelSender, AutoCloseable {

    /** Many servers limit the messages per connection (100 is common); a fresh connection now and then is cheap. */
    static final int MESSAGES_PER_CONNECTION = 100;
    /** Servers close idle connections after a few minutes (RFC 5321 § 4.5.3.2.7 asks them to wait 5); stay below. */
    static final Duration IDLE_LIMIT = Duration.ofSeconds(60);

    private final String provider;
    private final Session session;
    private final EmailComposer composer;
    private final DkimSigning dkim;
    private final Path archive;
    private final String password;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

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
        String messageId;
        try {
            messageId = message.getMessageID();
        } catch (MessagingException e) {
            throw new SendFailure("not a valid email: " + e.getMessage(), true, e);
        }
        Connection connection = null;
        try {
            connection = connection();
            connection.transport().sendMessage(message, message.getAllRecipients());
        } catch (SMTPAddressFailedException e) {
            discard(connection);
            throw new SendFailure("recipient refused: " + e.getReturnCode(), e.getReturnCode() >= 500, e);
        } catch (SMTPSendFailedException e) {
            discard(connection);
            throw new SendFailure("SMTP reply " + e.getReturnCode(), e.getReturnCode() >= 500, e);
        } catch (MessagingException e) {
            discard(connection);
            // A recipient refused at RCPT TO comes wrapped: the transport reports the message's invalid addresses.
            SMTPAddressFailedException refused = refusal(e);
            if (refused != null) {
                throw new SendFailure("recipient refused: " + refused.getReturnCode(), refused.getReturnCode() >= 500, e);
            }
            throw new SendFailure("SMTP server unreachable: " + e.getMessage(), false, e);
        }
        // Taken by the server: from here on, the send is done whatever becomes of the connection.
        release(connection.used());
        return messageId;
    }

    /** A kept connection that still answers, or a new one. */
    private Connection connection() throws MessagingException {
        long now = System.nanoTime();
        while (true) {
            Connection kept;
            synchronized (this) {
                kept = idle.pollFirst();
            }
            if (kept == null) {
                break;
            }
            if (now - kept.idleSince() < IDLE_LIMIT.toNanos() && kept.transport().isConnected()) { // NOOP
                return kept;
            }
            discard(kept);
        }
        Transport transport = session.getTransport("smtp");
        transport.connect(null, password);
        return new Connection(transport, 0, now);
    }

    private void release(Connection connection) {
        if (connection.sent() < MESSAGES_PER_CONNECTION) {
            synchronized (this) {
                if (!closed) {
                    idle.addFirst(connection);
                    return;
                }
            }
        }
        discard(connection);
    }

    /** Closes a connection (with {@code QUIT}) and forgets it; a failure to do so changes nothing. */
    private static void discard(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.transport().close();
        } catch (MessagingException | RuntimeException e) {
            // already broken: nothing more to close
        }
    }

    @Override
    public void close() {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(idle);
            idle.clear();
        }
        open.forEach(SmtpEmailSender::discard);
    }

    /** An open SMTP connection, the messages it carried, and since when it waits unused ({@link System#nanoTime}). */
    private record Connection(Transport transport, int sent, long idleSince) {
        Connection used() {
            return new Connection(transport, sent + 1, System.nanoTime());
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
