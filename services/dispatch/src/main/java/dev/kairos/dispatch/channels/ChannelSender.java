package dev.kairos.dispatch.channels;

import dev.kairos.dispatch.decision.Channel;

/** Hands messages of one channel to one provider. */
public interface ChannelSender {

    Channel channel();

    /** The provider's name, as metrics and outcomes tag it (e.g. {@code smtp}, {@code print-house}). */
    String provider();

    /**
     * Hands one message to the provider; returns the provider's id for it.
     *
     * @throws SendFailure when the provider refused or could not be reached
     */
    String send(Outgoing message);

    /**
     * Whether the hand-over is the send. A letter is not: it waits in a print batch, whose closing
     * records {@code MessageSent}.
     */
    default boolean sentOnHandOver() {
        return true;
    }
}
