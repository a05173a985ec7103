/** Personalisation: the salutation by form of address and locale, and placeholder filling. */
package dev.kairos.dispatch.rendering;
