/**
 * Messages Kairos sends on its own behalf through dispatch's request inbox: confirmations addressed to an
 * address that is not (or not yet) the customer's contact point.
 */
package dev.kairos.platform.requests;
