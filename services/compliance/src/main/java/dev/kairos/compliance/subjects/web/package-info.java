/** The data-subject API: data export and erasure of a customer. */
package dev.kairos.compliance.subjects.web;
