/** Legal bases and how long consent lasts by jurisdiction, and the job that records expiries as they fall due. */
package dev.kairos.compliance.expiry;
