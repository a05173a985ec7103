package dev.kairos.compliance.expiry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The consent rules as a bean, and the schedule that runs the expiry job. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpiryConfiguration {

    @Bean
    ExpiryRules expiryRules() {
        return new ExpiryRules();
    }
}
