package dev.kairos.dispatch.inbound;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.serde.KairosSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Publishes what a channel told us about an address on {@code dispatch.channel-signals.v1} (output binding
 * {@code channelSignals}), keyed by the HMAC of the normalised address, as compliance expects. Inside a consuming
 * transaction (the SMS inbound binding) the record joins it; on any other thread (an HTTP request) the binder's
 * transactional producer commits it on its own before {@link #publish} returns. The event id is derived from
 * what identifies the report, so a report delivered twice is one signal to compliance.
 */
public final class ChannelSignals {

    static final String BINDING = "channelSignals";

    private final StreamBridge bridge;
    private final AddressHmac addressHmac;

    public ChannelSignals(StreamBridge bridge, AddressHmac addressHmac) {
        this.bridge = bridge;
        this.addressHmac = addressHmac;
    }

    /**
     * @param origin  what identifies the report for ever (the SMSC's id of a text, a report's Message-ID): the
     *                same origin and kind give the same event id
     * @param signal  one of the {@code ChannelSignal} kinds ({@code StopKeywordReceived}, {@code HardBounced}, ...)
     * @throws SignalsUnavailableException when the record could not be written
     */
    public void publish(String origin, Channel channel, String address, String rawText, Instant receivedAt,
                        Object signal) {
        String hmac = addressHmac.of(address);
        String eventId = eventId(origin);
        ChannelSignal record = ChannelSignal.newBuilder()
                .setEventId(eventId)
                .setAddressHmac(hmac)
                .setChannel(channel)
                .setAddress(address)
                .setRawText(rawText)
                .setReceivedAt(receivedAt)
                .setSignal(signal)
                .build();
        boolean sent;
        try {
            sent = bridge.send(BINDING, MessageBuilder.withPayload(KairosSerdes.channelSignal().encode(record))
                    .setHeader(KafkaHeaders.KEY, utf8(hmac))
                    .setHeader("kairos-event-id", utf8(eventId))
                    .build());
        } catch (RuntimeException e) {
            throw new SignalsUnavailableException(e);
        }
        if (!sent) {
            throw new SignalsUnavailableException(null);
        }
    }

    static String eventId(String origin) {
        return UUID.nameUUIDFromBytes(origin.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The signal could not be written; nothing was published. */
    public static final class SignalsUnavailableException extends RuntimeException {
        SignalsUnavailableException(Throwable cause) {
            super("the channel signal could not be published", cause);
        }
    }
}
