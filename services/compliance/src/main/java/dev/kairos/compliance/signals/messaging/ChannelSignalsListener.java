package dev.kairos.compliance.signals.messaging;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.signals.ReceivedSignal;
import dev.kairos.compliance.signals.SignalService;
import dev.kairos.compliance.signals.SignalType;
import dev.kairos.platform.messaging.KairosConsumers;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.ComplaintReceived;
import dev.kairos.proto.dispatch.HardBounced;
import dev.kairos.proto.dispatch.HelpKeywordReceived;
import dev.kairos.proto.dispatch.MailReturned;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.dispatch.UnsubscribeRequested;
import dev.kairos.proto.serde.KairosSerdes;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Channel signals (keyed by address HMAC) into the signal service; a tombstone is dead-lettered. */
@Configuration(proxyBeanMethods = false)
class ChannelSignalsListener {

    @Bean
    Consumer<Message<byte[]>> channelSignals(SignalService signals) {
        return KairosConsumers.values(KairosSerdes.channelSignal(), s -> signals.apply(signal(s)));
    }

    static ReceivedSignal signal(ChannelSignal s) {
        Object union = s.getSignal();
        SignalType type;
        String keyword = null;
        if (union instanceof StopKeywordReceived stop) {
            type = SignalType.STOP;
            keyword = stop.getKeyword();
        } else if (union instanceof HelpKeywordReceived help) {
            type = SignalType.HELP;
            keyword = help.getKeyword();
        } else if (union instanceof UnsubscribeRequested) {
            type = SignalType.UNSUBSCRIBE;
        } else if (union instanceof HardBounced) {
            type = SignalType.HARD_BOUNCE;
        } else if (union instanceof ComplaintReceived) {
            type = SignalType.COMPLAINT;
        } else if (union instanceof MailReturned) {
            type = SignalType.MAIL_RETURNED;
        } else {
            throw new SerializationException("Unknown channel signal " + union.getClass().getSimpleName());
        }
        return new ReceivedSignal(s.getEventId(), type, Channel.valueOf(s.getChannel().name()), s.getAddress(), keyword,
                s.getRawText(), s.getReceivedAt());
    }
}
