package dev.kairos.compliance.acknowledgements;

/** Hands an acknowledgement to dispatch, in the transaction that records the change it acknowledges. */
public interface AcknowledgementMessages {

    void send(Acknowledgement acknowledgement);
}
