/** What the customer pages do: save the preference centre, take fewer messages, unsubscribe, confirm. */
package dev.kairos.preferences.pages;
