/** Channel ends: consumers of the send queues that hand each approved message to its provider. */
package dev.kairos.dispatch.channels;
