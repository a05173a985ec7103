package dev.kairos.preferences.topics;

/** The audit trail of the catalogue; written in the transaction that stores the change. */
public interface CatalogueChanges {

    void record(CatalogueChange change);
}
