/** Reads and erases a customer's personal data across compliance's tables. */
package dev.kairos.compliance.subjects.persistence;
