package dev.kairos.platform;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.events.AppliedEvents;
import dev.kairos.platform.kafka.KafkaClientFactory;
import dev.kairos.platform.kafka.KafkaClientSettings;
import dev.kairos.platform.kafka.KafkaTraceHeaders;
import dev.kairos.platform.links.LinksProperties;
import dev.kairos.platform.messaging.DeadLetterHealth;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.platform.outbox.BrokerProbe;
import dev.kairos.platform.outbox.Outbox;
import dev.kairos.platform.outbox.OutboxHealthIndicator;
import dev.kairos.platform.outbox.OutboxRelay;
import dev.kairos.platform.security.ApiTokenProperties;
import dev.kairos.platform.security.HeaderFirewall;
import dev.kairos.platform.security.LocalProfile;
import dev.kairos.platform.security.SecretRules;
import dev.kairos.platform.security.TokenRules;
import dev.kairos.platform.topics.TopicProvisioner;
import dev.kairos.platform.topics.TopicsProperties;
import dev.kairos.platform.web.ProblemDetailsAdvice;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the platform into every service: topics, address HMACs, signed links, problem details, and the outbox
 * where there is a database.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration"})
@EnableConfigurationProperties({TopicsProperties.class, LinksProperties.class, KafkaProperties.class})
public class PlatformAutoConfiguration {

    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties kafka) {
        return new KafkaClientSettings(kafka);
    }

    /** The trace in the headers of what the hand-written clients and the outbox relay send (ADR 0047). */
    @Bean
    KafkaTraceHeaders kafkaTraceHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return tracer.getIfAvailable() == null || propagator.getIfAvailable() == null
                ? KafkaTraceHeaders.NONE : new KafkaTraceHeaders(tracer.getObject(), propagator.getObject());
    }

    /**
     * The hand-written Kafka clients: their meters refreshed this often (a newly assigned partition's lag), the
     * trace in the headers of what they send.
     */
    @Bean
    KafkaClientFactory kafkaClientFactory(MeterRegistry meters, KafkaTraceHeaders traceHeaders,
            @Value("${kairos.kafka.client-meters-refresh:15s}") Duration refresh) {
        return new KafkaClientFactory(meters, refresh, traceHeaders);
    }

    @Bean
    TopicProvisioner topicProvisioner(TopicsProperties topics, KafkaClientSettings kafkaClients) {
        return new TopicProvisioner(topics, kafkaClients.admin());
    }

    /**
     * Refuses a missing, short or published key unless the local profile is on (see {@link SecretRules}).
     * Lazy: only a service that uses it (compliance, dispatch) needs the key; preferences starts without one.
     */
    @Bean
    @org.springframework.context.annotation.Lazy
    AddressHmac addressHmac(@Value("${kairos.address-hmac-key:}") String key, Environment environment) {
        return new AddressHmac(SecretRules.checkText("kairos.address-hmac-key", key, LocalProfile.isOn(environment)));
    }

    /** Health component {@code deadLetters}: records moved to a dead-letter topic, and whether they grow. */
    @Bean
    HealthIndicator deadLettersHealthIndicator(ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
            @Value("${kairos.dead-letters.growing-window:15m}") String window) {
        // Without a registry nothing counts dead letters, and the component says so with zero. The window is
        // parsed here ("15m" or ISO-8601): a context without Boot's conversion service still starts.
        return new DeadLetterHealth(meters.getIfAvailable(SimpleMeterRegistry::new), clock.getIfAvailable(Clock::systemUTC),
                org.springframework.boot.convert.DurationStyle.detectAndParse(window));
    }

    /** Refuses a missing, short or published key unless the local profile is on (see {@link SecretRules}). */
    @Bean
    SignedLinks signedLinks(LinksProperties links, ObjectProvider<Clock> clock, Environment environment) {
        return links.signedLinks(clock.getIfAvailable(Clock::systemUTC), LocalProfile.isOn(environment));
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /**
     * The token rules of ADR 0019 on the decoder Spring Boot builds from
     * {@code spring.security.oauth2.resourceserver.jwt.*}: set before any other post-processor may wrap it.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(NimbusJwtDecoder.class)
    static class TokenRulesConfiguration {

        @Bean
        static BeanPostProcessor tokenRules(Environment environment) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof NimbusJwtDecoder decoder) {
                        ApiTokenProperties properties = Binder.get(environment)
                                .bindOrCreate("kairos.security", ApiTokenProperties.class);
                        decoder.setJwtValidator(TokenRules.validator(properties, LocalProfile.isOn(environment)));
                    } else if (bean instanceof JwtDecoder) {
                        // Boot builds a decoder these rules cannot reach from an issuer-uri alone.
                        throw new IllegalStateException("Configure the token keys with spring.security.oauth2."
                                + "resourceserver.jwt.jwk-set-uri or .public-key-location, and the issuer with "
                                + "kairos.security.issuer: bean " + beanName + " is not a NimbusJwtDecoder");
                    }
                    return bean;
                }
            };
        }
    }

    /** Spring Security's strict firewall, with header checks that cost less (see {@link HeaderFirewall}). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebSecurityCustomizer.class)
    static class FirewallConfiguration {

        @Bean
        WebSecurityCustomizer headerFirewall() {
            return web -> web.httpFirewall(HeaderFirewall.strict());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    @ConditionalOnBean({JdbcTemplate.class, TransactionTemplate.class})
    static class OutboxConfiguration {

        @Bean
        OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
                KafkaClientSettings kafkaClients, KafkaClientFactory clientFactory,
                @Value("${spring.application.name:kairos}") String application,
                @Value("${kairos.outbox.batch-size:500}") int batchSize,
                @Value("${kairos.outbox.idle-poll:250ms}") Duration idlePoll,
                @Value("${kairos.outbox.gather:10ms}") Duration gather,
                @Value("${kairos.outbox.max-attempts:10}") int maxAttempts,
                TopicProvisioner topicsReady) {
            OutboxRelay relay = new OutboxRelay(jdbc, transactions,
                    () -> clientFactory.producer(kafkaClients.transactionalProducer(application + "-outbox")),
                    new BrokerProbe(kafkaClients.admin(), Duration.ofSeconds(5)),
                    new OutboxRelay.Tuning(batchSize, idlePoll, gather, maxAttempts), meters);
            Gauge.builder("kairos.outbox.pending", relay, OutboxRelay::pending).register(meters);
            TimeGauge.builder("kairos.outbox.oldest.pending.age", relay, TimeUnit.MILLISECONDS,
                            r -> r.oldestPendingAge().toMillis())
                    .description("Age of the oldest outbox row not yet published").register(meters);
            Gauge.builder("kairos.outbox.quarantined", relay, OutboxRelay::quarantined)
                    .description("Outbox rows in quarantine, waiting for an operator").register(meters);
            return relay;
        }

        @Bean
        HealthIndicator outboxHealthIndicator(OutboxRelay relay,
                @Value("${kairos.outbox.stuck-after:5m}") Duration stuckAfter) {
            return new OutboxHealthIndicator(relay, stuckAfter);
        }

        @Bean
        Outbox outbox(JdbcTemplate jdbc, OutboxRelay relay, KafkaTraceHeaders traceHeaders) {
            return new Outbox(jdbc, relay, traceHeaders);
        }

        @Bean
        AppliedEvents appliedEvents(JdbcTemplate jdbc) {
            return new AppliedEvents(jdbc);
        }
    }
}
