package dev.kairos.dispatch.webhooks;

import dev.kairos.platform.security.SecretRules;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One campaign system's endpoint, checked at start-up: what it selects, where it is and the secret its deliveries
 * are signed with.
 *
 * @param name the endpoint's name in the configuration: the metrics' {@code endpoint} tag, never a customer's
 */
public record WebhookEndpoint(String name, URI url, byte[] secret, List<String> outcomes, List<String> topics,
                              List<String> requestIdPrefixes, List<String> campaignIdPrefixes) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    /**
     * @param local whether the local profile is on: only there may a secret be a development value or short
     * @throws IllegalStateException naming the property that breaks a rule (never the secret)
     */
    public static WebhookEndpoint of(String name, WebhooksProperties.Endpoint properties, boolean local) {
        String property = "kairos.webhooks.endpoints." + name;
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException(property + ": an endpoint name is 1 to 64 lower-case letters, digits or "
                    + "'-' (it is a metric tag)");
        }
        for (String status : properties.getOutcomes()) {
            if (!OutcomeStatus.NAMES.contains(status)) {
                throw new IllegalStateException(property + ".outcomes: " + status + " is none of " + OutcomeStatus.NAMES);
            }
        }
        String secret = properties.getSecret() == null ? null : properties.getSecret().strip();
        if (secret != null && secret.startsWith("whsec_")) {
            secret = secret.substring("whsec_".length());
        }
        return new WebhookEndpoint(name, url(property + ".url", properties.getUrl()),
                SecretRules.checkBase64(property + ".secret", secret, local),
                List.copyOf(properties.getOutcomes()), List.copyOf(properties.getTopics()),
                List.copyOf(properties.getRequestIdPrefixes()), List.copyOf(properties.getCampaignIdPrefixes()));
    }

    /** Whether this endpoint receives the outcome: every selector it has must hold. */
    public boolean wants(OutcomeStatus status, String topic, String requestId, String campaignId) {
        return (outcomes.isEmpty() || outcomes.contains(status.name()))
                && (topics.isEmpty() || topics.contains(topic))
                && (requestIdPrefixes.isEmpty() || requestIdPrefixes.stream().anyMatch(requestId::startsWith))
                && (campaignIdPrefixes.isEmpty()
                        || campaignId != null && campaignIdPrefixes.stream().anyMatch(campaignId::startsWith));
    }

    private static URI url(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " is not set");
        }
        URI url;
        try {
            url = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not a URL");
        }
        boolean https = "https".equalsIgnoreCase(url.getScheme());
        boolean loopback = "http".equalsIgnoreCase(url.getScheme()) && url.getHost() != null
                && LOOPBACK.contains(url.getHost().toLowerCase(java.util.Locale.ROOT));
        if (url.getHost() == null || !(https || loopback)) {
            throw new IllegalStateException(property + " must be an https URL (plain http only to a loopback host): "
                    + "outcomes carry customer ids");
        }
        return url;
    }
}
