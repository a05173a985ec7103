/** Campaign requests: the REST ingestion into the request inbox, and the status look-up. */
package dev.kairos.dispatch.requests;
