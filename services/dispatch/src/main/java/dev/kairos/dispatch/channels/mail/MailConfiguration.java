package dev.kairos.dispatch.channels.mail;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.LaterSends;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Letters into print batches under {@code <sink-dir>/mail}, closed every {@code kairos.mail.cut-off-every}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class MailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    @Bean
    PrintBatches printBatches(@Value("${kairos.channels.sink-dir}") Path sinkDir, Clock clock, LaterSends later,
                              MeterRegistry meters) throws IOException {
        return new PrintBatches(sinkDir.resolve("mail"), clock, later, meters);
    }

    @Bean
    ChannelSender mailSender(PrintBatches batches, Clock clock, @Value("${kairos.mail.sender-line}") String senderLine) {
        return new PrintHouseSender(new LetterRenderer(senderLine), batches, clock);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService printCutOff(PrintBatches batches, @Value("${kairos.mail.cut-off-every}") Duration every) {
        ScheduledExecutorService cutOff = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "print-cut-off"));
        cutOff.scheduleWithFixedDelay(() -> {
            try {
                batches.cutOff();
            } catch (RuntimeException e) {
                // The batch stays open or unrecorded on disk; the next cut-off tries again.
                log.error("Print batch cut-off failed", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return cutOff;
    }
}
