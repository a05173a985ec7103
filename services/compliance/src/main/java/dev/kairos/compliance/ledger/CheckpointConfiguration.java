package dev.kairos.compliance.ledger;

import dev.kairos.platform.security.LocalProfile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The checkpoint key from configuration, under the rules of production unless the local profile is on. */
@Configuration(proxyBeanMethods = false)
class CheckpointConfiguration {

    @Bean
    CheckpointKey checkpointKey(@Value("${" + CheckpointKey.PROPERTY + ":}") String configured, Environment environment) {
        return new CheckpointKey(configured, LocalProfile.isOn(environment));
    }
}
