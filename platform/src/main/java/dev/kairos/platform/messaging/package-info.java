/** How Kairos consumes a topic: Spring Cloud Stream functional bindings with retries, a dead-letter topic and health. */
package dev.kairos.platform.messaging;
