/** The audit API: streamed ledger exports (JSON, CSV) and the record of processing (JSON, markdown). */
package dev.kairos.compliance.audit.web;
