/** The consent API: recording grants and withdrawals, reading a customer's consents. */
package dev.kairos.compliance.consents.web;
