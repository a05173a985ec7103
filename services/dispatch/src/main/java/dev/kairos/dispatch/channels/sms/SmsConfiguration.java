package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.FailoverSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The SMS channel end: the SMPP link to the SMSC in {@code kairos.sms.smpp.*} (the local run's SMSC simulator, or
 * a provider's), its sender, an optional failover SMSC, and the keyword replies in {@code kairos.sms.replies.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class SmsConfiguration {

    private static final String FAILOVER_SET = "'${kairos.sms.failover-smpp.host:}' != ''";

    @Bean
    SmppSettings smppSettings(Environment environment) {
        return Binder.get(environment).bind("kairos.sms.smpp", Bindable.of(SmppSettings.class))
                .orElseThrow(() -> new IllegalStateException("kairos.sms.smpp is not configured"));
    }

    @Bean
    KeywordReplies keywordReplies(Environment environment) {
        return Binder.get(environment).bind("kairos.sms.replies", Bindable.of(KeywordReplies.class))
                .orElseThrow(() -> new IllegalStateException("kairos.sms.replies is not configured"));
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    SmppLink smppLink(SmppSettings settings, SmsInbox inbox, Clock clock, MeterRegistry meters) {
        return new SmppLink("smpp", settings, new SmppInbound(inbox, clock, meters), meters);
    }

    @Bean
    ChannelSender smsSender(@Qualifier("smppLink") SmppLink link, SmppSettings settings, SmsSubmissions submissions,
                            Clock clock, MeterRegistry meters) {
        return new SmppSmsSender(link, settings.sourceAddress(), submissions, clock, meters);
    }

    /**
     * A second SMSC, {@code kairos.sms.failover-smpp.*} (host, port, system-id, password, system-type), bound as a
     * transceiver too when its host is set; what it does not say (source address, keep-alive, window, throughput,
     * time-outs) is the primary's. Texts from handsets and receipts it delivers are handled as the primary's are.
     */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(FAILOVER_SET)
    SmppLink failoverSmppLink(SmppSettings primary, Environment environment, SmsInbox inbox, Clock clock,
                              MeterRegistry meters) {
        Binder binder = Binder.get(environment);
        String prefix = "kairos.sms.failover-smpp.";
        SmppSettings settings = new SmppSettings(
                binder.bind(prefix + "host", String.class).get(),
                binder.bind(prefix + "port", Integer.class).orElse(primary.port()),
                binder.bind(prefix + "system-id", String.class).orElse(primary.systemId()),
                binder.bind(prefix + "password", String.class).orElse(null),
                binder.bind(prefix + "system-type", String.class).orElse(primary.systemType()),
                primary.sourceAddress(), primary.enquireLink(), primary.responseTimeout(), primary.reconnectMin(),
                primary.reconnectMax(), primary.window(), primary.throughput());
        return new SmppLink("smpp-failover", settings, new SmppInbound(inbox, clock, meters), meters);
    }

    @Bean
    @ConditionalOnExpression(FAILOVER_SET)
    FailoverSender smsFailover(@Qualifier("failoverSmppLink") SmppLink link, SmppSettings settings,
                               SmsSubmissions submissions, Clock clock, MeterRegistry meters) {
        return new FailoverSender(new SmppSmsSender(link, settings.sourceAddress(), submissions, clock, meters));
    }
}
