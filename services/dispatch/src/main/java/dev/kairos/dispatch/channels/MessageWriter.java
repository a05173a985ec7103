package dev.kairos.dispatch.channels;

import dev.kairos.proto.dispatch.SendApproved;

/** Hands one approved message to a channel's provider; returns the provider's id for it. */
interface MessageWriter {

    String write(SendApproved message);
}
