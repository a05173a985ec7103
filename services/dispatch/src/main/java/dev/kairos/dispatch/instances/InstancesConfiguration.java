package dev.kairos.dispatch.instances;

import dev.kairos.platform.security.LocalProfile;
import dev.kairos.platform.security.SecretRules;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration
class InstancesConfiguration {

    /** {@code kairos.instances.key}: a secret of at least 32 random bytes (base64), the same on every instance. */
    @Bean
    InstanceCredential instanceCredential(@Value("${kairos.instances.key:}") String key, Clock clock,
                                          Environment environment) {
        return new InstanceCredential(SecretRules.checkBase64("kairos.instances.key", key,
                LocalProfile.isOn(environment)), clock);
    }

    /** The seal of fallbacks written back to the inboxes (ADR 0048): the same secret, its own label. */
    @Bean
    FallbackSeal fallbackSeal(@Value("${kairos.instances.key:}") String key, Environment environment) {
        return new FallbackSeal(SecretRules.checkBase64("kairos.instances.key", key, LocalProfile.isOn(environment)));
    }

    @Bean
    InstanceForwarder instanceForwarder(InstanceCredential credential) {
        return new InstanceForwarder(credential);
    }
}
