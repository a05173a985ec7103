/** The customers' preferences REST API, with ETag and If-Match for optimistic concurrency. */
package dev.kairos.preferences.customers.web;
