/** Data-subject requests: access (everything Kairos holds on a customer) and erasure. */
package dev.kairos.compliance.subjects;
