package dev.kairos.compliance.ledger;

/** The legal ground a consent rests on. */
public enum LegalBasis {
    OPT_IN, SOFT_OPT_IN, IMPLIED_PURCHASE, IMPLIED_INQUIRY, PRIOR_EXPRESS_WRITTEN
}
