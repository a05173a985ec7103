package dev.kairos.dispatch.channels;

/** Durable notes, written before a provider call, that a send may have happened (ADR 0022). */
public interface SendMarks {

    /** Returns once the mark is durable. */
    void mark(Outgoing message);
}
