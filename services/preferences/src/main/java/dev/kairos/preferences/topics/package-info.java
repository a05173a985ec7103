/** The topic catalogue: what a message is about, whether it needs marketing consent, its default channels. */
package dev.kairos.preferences.topics;
