package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.ChannelSender;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${kairos.channels.mode:local}' != 'off'")
class SmsConfiguration {

    @Bean
    ChannelSender smsSender(@Value("${kairos.channels.sink-dir}") Path sinkDir) throws IOException {
        return new LocalSmsSender(sinkDir.resolve("sms"));
    }
}
