/** Do-not-contact entries per address: from bounces, complaints, returned mail, erasure and operators. */
package dev.kairos.compliance.suppressions;
