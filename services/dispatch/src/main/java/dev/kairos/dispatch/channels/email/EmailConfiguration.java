package dev.kairos.dispatch.channels.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.FailoverSender;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The email sender. {@code kairos.channels.mode=local} (the default) starts an embedded SMTP server that keeps
 * what it receives and keeps a copy of each mail under {@code <sink-dir>/email}; {@code remote} sends to the
 * SMTP server in {@code kairos.email.smtp.*}. In either mode a second relay in {@code kairos.email.failover-smtp.*}
 * takes the sends the first cannot (provider {@code smtp-failover}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class EmailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);

    @Bean(destroyMethod = "stop")
    @ConditionalOnProperty(name = "kairos.channels.mode", havingValue = "local", matchIfMissing = true)
    GreenMail localSmtpServer(@Value("${kairos.email.local-smtp-port:0}") int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup)
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        server.start();
        log.info("Local SMTP server on 127.0.0.1:{}", server.getSmtp().getPort());
        return server;
    }

    @Bean
    ChannelSender emailSender(Environment env, ObjectProvider<GreenMail> localServer, ResourceLoader resources,
                              @Value("${kairos.channels.sink-dir}") Path sinkDir) throws IOException {
        GreenMail local = localServer.getIfAvailable();
        if (local != null) {
            return new SmtpEmailSender("smtp", new SmtpEmailSender.SmtpServer("127.0.0.1", local.getSmtp().getPort(),
                    false, null, null), composer(env), dkim(env, resources), sinkDir.resolve("email"));
        }
        return new SmtpEmailSender("smtp", smtpServer(env, "kairos.email.smtp"), composer(env), dkim(env, resources),
                null);
    }

    /** A second SMTP relay, {@code kairos.email.failover-smtp.*}, when its host is set. */
    @Bean
    @ConditionalOnExpression("'${kairos.email.failover-smtp.host:}' != ''")
    FailoverSender emailFailover(Environment env, ResourceLoader resources) throws IOException {
        return new FailoverSender(new SmtpEmailSender("smtp-failover", smtpServer(env, "kairos.email.failover-smtp"),
                composer(env), dkim(env, resources), null));
    }

    private static EmailComposer composer(Environment env) {
        return new EmailComposer(new EmailSettings(
                env.getRequiredProperty("kairos.email.from"),
                env.getRequiredProperty("kairos.email.unsubscribe-mailto"),
                env.getRequiredProperty("kairos.email.postal-address"),
                env.getRequiredProperty("kairos.email.message-id-domain")));
    }

    private static DkimSigning dkim(Environment env, ResourceLoader resources) throws IOException {
        String key = env.getProperty("kairos.email.dkim.private-key", "");
        if (key.isBlank()) {
            log.warn("DKIM signing is off: kairos.email.dkim.private-key is not set");
            return null;
        }
        return new DkimSigning(env.getRequiredProperty("kairos.email.dkim.domain"),
                env.getRequiredProperty("kairos.email.dkim.selector"), resources.getResource(key));
    }

    private static SmtpEmailSender.SmtpServer smtpServer(Environment env, String prefix) {
        return new SmtpEmailSender.SmtpServer(
                env.getRequiredProperty(prefix + ".host"),
                env.getRequiredProperty(prefix + ".port", Integer.class),
                env.getProperty(prefix + ".start-tls", Boolean.class, true),
                env.getProperty(prefix + ".username"),
                env.getProperty(prefix + ".password"));
    }
}
