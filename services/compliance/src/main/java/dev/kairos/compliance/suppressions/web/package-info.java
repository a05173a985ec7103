/** The suppressions API: adding a do-not-contact entry and looking an address up. */
package dev.kairos.compliance.suppressions.web;
