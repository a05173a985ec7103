package dev.kairos.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.testing.TestTokens;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** A service outside the local profile does not start on development secrets or without its token rules. */
class StartupRulesTest {

    private static final String STRONG = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    private static final String PUBLISHED_LINK_KEY = "u+/eMmBvMZjv6iSdXhgP4Ekljl/pV8YhLQsCJ7I9gBc=";

    /** As compliance and dispatch are: a service that uses the address HMAC (the bean is lazy). */
    private final ApplicationContextRunner secrets = new ApplicationContextRunner()
            .withInitializer(StartupRulesTest::asInAService)
            .withUserConfiguration(PlatformAutoConfiguration.class, UsesAddressHmac.class)
            .withPropertyValues("kairos.links.keys.d1.issuer=dispatch");

    /** What every service's context has and a bare one lacks: a meter registry, and settings read as durations. */
    private static void asInAService(ConfigurableApplicationContext context) {
        context.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance());
        context.getBeanFactory().registerSingleton("meterRegistry", new SimpleMeterRegistry());
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class UsesAddressHmac {
        @org.springframework.context.annotation.Bean
        String addressHmacUser(AddressHmac hmac) {
            return "uses " + hmac;
        }
    }

    private final ApplicationContextRunner tokens = new ApplicationContextRunner()
            .withUserConfiguration(PlatformAutoConfiguration.TokenRulesConfiguration.class, Decoder.class);

    @Test
    void refusesToStartWithoutKeysOrWithPublishedOrShortOnes() {
        secrets.withPropertyValues("kairos.links.keys.d1.secret=" + STRONG)
                .run(context -> assertThat(context).getFailure().hasRootCauseMessage(
                        "kairos.address-hmac-key is not set: give it a secret of at least 32 random bytes "
                                + "(only the local profile has development keys)"));
        secrets.withPropertyValues("kairos.links.keys.d1.secret=" + STRONG, "kairos.address-hmac-key=kairos-local-address-key")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("development key"));
        secrets.withPropertyValues("kairos.links.keys.d1.secret=" + PUBLISHED_LINK_KEY,
                        "kairos.address-hmac-key=" + STRONG)
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("kairos.links.keys.d1.secret is a development key"));
        secrets.withPropertyValues("kairos.links.keys.d1.secret=" + Base64.getEncoder().encodeToString(new byte[16]),
                        "kairos.address-hmac-key=" + STRONG)
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("16 bytes"));
    }

    @Test
    void aServiceThatDoesNotHashAddressesStartsWithoutTheAddressKey() {
        new ApplicationContextRunner().withInitializer(StartupRulesTest::asInAService)
                .withUserConfiguration(PlatformAutoConfiguration.class)
                .withPropertyValues("kairos.links.keys.d1.issuer=dispatch", "kairos.links.keys.d1.secret=" + STRONG)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void startsWithStrongKeysOrUnderTheLocalProfile() {
        secrets.withPropertyValues("kairos.links.keys.d1.secret=" + STRONG, "kairos.address-hmac-key=" + STRONG)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AddressHmac.class)
                        .hasSingleBean(SignedLinks.class));
        secrets.withPropertyValues("spring.profiles.active=local", "kairos.links.keys.d1.secret=" + PUBLISHED_LINK_KEY,
                        "kairos.address-hmac-key=kairos-local-address-key")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void refusesToStartWithoutIssuerAndAudienceOutsideTheLocalProfile() {
        tokens.run(context -> assertThat(context).getFailure().rootCause()
                .hasMessageContaining("kairos.security.issuer (KAIROS_JWT_ISSUER) and kairos.security.audience"));
        tokens.withPropertyValues("kairos.security.issuer=kairos-local")
                .run(context -> assertThat(context).hasFailed());
        tokens.withPropertyValues("kairos.security.issuer=kairos-local", "kairos.security.audience=kairos-test")
                .run(context -> assertThat(context).hasNotFailed());
        tokens.withPropertyValues("spring.profiles.active=local").run(context -> assertThat(context).hasNotFailed());
    }

    @Configuration(proxyBeanMethods = false)
    static class Decoder {

        @Bean
        NimbusJwtDecoder jwtDecoder() throws Exception {
            try (var in = java.net.URI.create(TestTokens.publicKeyLocation()).toURL().openStream()) {
                return NimbusJwtDecoder.withPublicKey(
                        org.springframework.security.converter.RsaKeyConverters.x509().convert(in)).build();
            }
        }
    }
}
