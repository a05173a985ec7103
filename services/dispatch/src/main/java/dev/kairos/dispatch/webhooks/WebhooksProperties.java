package dev.kairos.dispatch.webhooks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code kairos.webhooks}: the campaign systems' endpoints, by name, and how a delivery is retried (ADR 0050). An
 * endpoint without selectors receives every outcome; each selector given narrows what it receives.
 */
@ConfigurationProperties("kairos.webhooks")
public class WebhooksProperties {

    private Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    /**
     * Wait before the first retry, doubled at each retry up to {@code maxBackoff}; each wait is drawn between half
     * of that and all of it.
     */
    private Duration initialBackoff = Duration.ofSeconds(5);
    private Duration maxBackoff = Duration.ofHours(1);
    /** How long a delivery that keeps failing transiently is tried, from its first failure, before a dead letter. */
    private Duration retryFor = Duration.ofHours(24);
    /** After 5 transient failures in a row, new deliveries to that endpoint go to the retries without a call this long. */
    private Duration openFor = Duration.ofSeconds(30);
    /** Connection and answer time-out of one call. */
    private Duration timeout = Duration.ofSeconds(10);

    public Map<String, Endpoint> getEndpoints() { return endpoints; }
    public void setEndpoints(Map<String, Endpoint> endpoints) { this.endpoints = endpoints; }
    public Duration getInitialBackoff() { return initialBackoff; }
    public void setInitialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; }
    public Duration getMaxBackoff() { return maxBackoff; }
    public void setMaxBackoff(Duration maxBackoff) { this.maxBackoff = maxBackoff; }
    public Duration getRetryFor() { return retryFor; }
    public void setRetryFor(Duration retryFor) { this.retryFor = retryFor; }
    public Duration getOpenFor() { return openFor; }
    public void setOpenFor(Duration openFor) { this.openFor = openFor; }
    public Duration getTimeout() { return timeout; }
    public void setTimeout(Duration timeout) { this.timeout = timeout; }

    public static class Endpoint {
        /** HTTPS URL (plain HTTP only to a loopback host). */
        private String url;
        /** Base64 of at least 32 random bytes, optionally prefixed {@code whsec_}; no default. */
        private String secret;
        /** Statuses to send ({@code SENT}, {@code FAILED}, ...); empty: all. */
        private List<String> outcomes = new ArrayList<>();
        /** Catalogue topics; empty: all. */
        private List<String> topics = new ArrayList<>();
        /** Request id prefixes (a campaign system's own namespace, e.g. {@code crm:}); empty: all. */
        private List<String> requestIdPrefixes = new ArrayList<>();
        /** Campaign id prefixes; empty: all (an outcome without a campaign id then matches no prefix). */
        private List<String> campaignIdPrefixes = new ArrayList<>();

        public String getUrl() { return url; }
        public void setUrl(String url) { this.url = url; }
        public String getSecret() { return secret; }
        public void setSecret(String secret) { this.secret = secret; }
        public List<String> getOutcomes() { return outcomes; }
        public void setOutcomes(List<String> outcomes) { this.outcomes = outcomes; }
        public List<String> getTopics() { return topics; }
        public void setTopics(List<String> topics) { this.topics = topics; }
        public List<String> getRequestIdPrefixes() { return requestIdPrefixes; }
        public void setRequestIdPrefixes(List<String> requestIdPrefixes) { this.requestIdPrefixes = requestIdPrefixes; }
        public List<String> getCampaignIdPrefixes() { return campaignIdPrefixes; }
        public void setCampaignIdPrefixes(List<String> campaignIdPrefixes) { this.campaignIdPrefixes = campaignIdPrefixes; }
    }
}
