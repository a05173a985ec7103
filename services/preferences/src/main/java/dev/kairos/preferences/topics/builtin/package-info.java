/** Catalogue entries Kairos itself sends on, defined at start-up when missing. */
package dev.kairos.preferences.topics.builtin;
