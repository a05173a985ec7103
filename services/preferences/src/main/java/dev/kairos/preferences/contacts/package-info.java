/**
 * Changes of a customer's email address or phone number made on the preference centre: held pending, and
 * applied only when confirmed through a single-use link sent to the new address (ADR 0028).
 */
package dev.kairos.preferences.contacts;
