/** Collects what preferences and dispatch hold on a customer, over their data-export endpoints. */
package dev.kairos.compliance.subjects.http;
