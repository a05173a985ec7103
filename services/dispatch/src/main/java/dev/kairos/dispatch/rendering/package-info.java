/**
 * Rendering at the channel end, just before the provider call: the salutation by form of address and locale, placeholder
 * filling with signed links, and digests ({@link dev.kairos.dispatch.rendering.MessageRenderer}).
 */
package dev.kairos.dispatch.rendering;
