package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.ChannelSender;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The SMS channel end: the SMPP link to the SMSC in {@code kairos.sms.smpp.*} (the local run's SMSC simulator, or
 * a provider's), its sender, and the keyword replies in {@code kairos.sms.replies.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class SmsConfiguration {

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
        return new SmppLink(settings, new SmppInbound(inbox, clock, meters), meters);
    }

    @Bean
    ChannelSender smsSender(SmppLink link, SmppSettings settings, SmsSubmissions submissions, Clock clock,
                            MeterRegistry meters) {
        return new SmppSmsSender(link, settings.sourceAddress(), submissions, clock, meters);
    }
}
