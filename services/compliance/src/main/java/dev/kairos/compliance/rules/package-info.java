/** The legal rules a consent change is held to, each citing its law and source: one place to read and audit them. */
package dev.kairos.compliance.rules;
