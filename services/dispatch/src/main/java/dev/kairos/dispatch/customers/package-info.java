/** What dispatch holds on a customer: data export for compliance's data-subject requests. */
package dev.kairos.dispatch.customers;
