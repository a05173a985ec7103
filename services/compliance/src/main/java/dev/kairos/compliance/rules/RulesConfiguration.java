package dev.kairos.compliance.rules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The legal rules as beans: plain objects, so that their tests need no Spring. */
@Configuration(proxyBeanMethods = false)
class RulesConfiguration {

    @Bean
    ExpiryRules expiryRules() {
        return new ExpiryRules();
    }

    @Bean
    GrantPolicy grantPolicy(ExpiryRules expiryRules) {
        return new GrantPolicy(expiryRules);
    }
}
