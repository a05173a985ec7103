package dev.kairos.dispatch.channels.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.kairos.dispatch.channels.ChannelSender;
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
 * SMTP server in {@code kairos.email.smtp.*}.
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
        EmailComposer composer = new EmailComposer(new EmailSettings(
                env.getRequiredProperty("kairos.email.from"),
                env.getRequiredProperty("kairos.email.unsubscribe-mailto"),
                env.getRequiredProperty("kairos.email.postal-address"),
                env.getRequiredProperty("kairos.email.message-id-domain")));
        String key = env.getProperty("kairos.email.dkim.private-key", "");
        DkimSigning dkim = null;
        if (key.isBlank()) {
            log.warn("DKIM signing is off: kairos.email.dkim.private-key is not set");
        } else {
            dkim = new DkimSigning(env.getRequiredProperty("kairos.email.dkim.domain"),
                    env.getRequiredProperty("kairos.email.dkim.selector"), resources.getResource(key));
        }
        GreenMail local = localServer.getIfAvailable();
        if (local != null) {
            return new SmtpEmailSender(new SmtpEmailSender.SmtpServer("127.0.0.1", local.getSmtp().getPort(), false,
                    null, null), composer, dkim, sinkDir.resolve("email"));
        }
        return new SmtpEmailSender(new SmtpEmailSender.SmtpServer(
                env.getRequiredProperty("kairos.email.smtp.host"),
                env.getRequiredProperty("kairos.email.smtp.port", Integer.class),
                env.getProperty("kairos.email.smtp.start-tls", Boolean.class, true),
                env.getProperty("kairos.email.smtp.username"),
                env.getProperty("kairos.email.smtp.password")), composer, dkim, null);
    }
}
