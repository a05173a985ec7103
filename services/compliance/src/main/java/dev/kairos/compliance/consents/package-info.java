/** Recording consents and the current consent state of each customer. */
package dev.kairos.compliance.consents;
