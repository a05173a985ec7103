/** The confirmation message of a new contact point, handed to dispatch through the outbox. */
package dev.kairos.preferences.contacts.messaging;
