/** The preferences service: the customer's contact choices and the topic catalogue, and their wiring. */
package dev.kairos.preferences;
