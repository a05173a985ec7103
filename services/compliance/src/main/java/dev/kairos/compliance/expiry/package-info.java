/** The job that records expiries as they fall due (the rules that set them are in the rules package). */
package dev.kairos.compliance.expiry;
