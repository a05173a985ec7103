package dev.kairos.dispatch.inbound;

import dev.kairos.platform.addresses.AddressHmac;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InboundConfiguration {

    @Bean
    ChannelSignals channelSignalPublisher(StreamBridge bridge, AddressHmac addressHmac) {
        // Not named channelSignals: that is the output binding, and Spring Cloud Stream would take the bean for it.
        return new ChannelSignals(bridge, addressHmac);
    }

    @Bean
    InboundMail inboundMail(@Value("${kairos.email.unsubscribe-mailto}") String unsubscribeMailto) {
        return new InboundMail(unsubscribeMailto);
    }

    /** The sending domain is the domain of {@code kairos.email.from}, the address every email is sent from. */
    @Bean
    ComplaintRate complaintRate(@Value("${kairos.email.from}") String from,
                                @Value("${kairos.email.complaint-rate-window:24h}") Duration window, Clock clock,
                                MeterRegistry meters) throws AddressException {
        String address = new InternetAddress(from, true).getAddress();
        return new ComplaintRate(address.substring(address.indexOf('@') + 1), window, clock, meters);
    }
}
