/** Signed, short, expiring links that let a customer act on a page without logging in. */
package dev.kairos.platform.links;
