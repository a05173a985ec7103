/** Channel senders: re-check, mark, call the provider under its rate limit, retries and circuit breaker, record. */
package dev.kairos.dispatch.channels;
