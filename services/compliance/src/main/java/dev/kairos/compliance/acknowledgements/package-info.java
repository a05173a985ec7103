/** Acknowledgements: one SERVICE message telling the customer, in their language, of a consent they gave or withdrew. */
package dev.kairos.compliance.acknowledgements;
