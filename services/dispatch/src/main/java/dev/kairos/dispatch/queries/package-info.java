/**
 * What the REST controllers may ask of dispatch's stores (the query port), without knowing that Kafka Streams
 * holds them: which instance holds a key, a request's status, a customer's data, the catalogue and the templates.
 */
package dev.kairos.dispatch.queries;
