package dev.kairos.preferences.pages.web;

import dev.kairos.preferences.pages.TokenBuckets;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Rate limits and security headers on the customer pages only; the API has tokens and its own limits. */
@Configuration(proxyBeanMethods = false)
class PageProtectionConfiguration {

    /** Beyond this many links or client addresses at once, idle buckets are forgotten. */
    private static final int MAX_KEYS = 100_000;

    @Bean
    FilterRegistrationBean<PageProtection> pageProtection(Clock clock, MeterRegistry meters,
            @Value("${kairos.pages.rate-limit.per-link.burst:20}") int linkBurst,
            @Value("${kairos.pages.rate-limit.per-link.refill-every:6s}") Duration linkRefill,
            @Value("${kairos.pages.rate-limit.per-client.burst:60}") int clientBurst,
            @Value("${kairos.pages.rate-limit.per-client.refill-every:1s}") Duration clientRefill) {
        FilterRegistrationBean<PageProtection> registration = new FilterRegistrationBean<>(new PageProtection(
                new TokenBuckets(linkBurst, linkRefill, MAX_KEYS, clock),
                new TokenBuckets(clientBurst, clientRefill, MAX_KEYS, clock), meters));
        registration.addUrlPatterns("/p/*", "/u/*", "/c/*", "/a/*");
        return registration;
    }
}
