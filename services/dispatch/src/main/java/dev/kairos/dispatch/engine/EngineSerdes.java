package dev.kairos.dispatch.engine;

import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.serde.AvroSerde;
import dev.kairos.proto.serde.KairosSerdes;

/**
 * The Avro serdes the engine uses record by record, built once: building one reads the released schemas and
 * prepares a decoder for each, which cost more than the record it then encodes (ADR 0045). They are stateless and
 * thread-safe.
 */
final class EngineSerdes {

    static final AvroSerde<SendMessage> REQUESTS = KairosSerdes.sendMessage();
    static final AvroSerde<SendApproved> SENDS = KairosSerdes.sendApproved();
    static final AvroSerde<MessageOutcome> OUTCOMES = KairosSerdes.messageOutcome();

    private EngineSerdes() {
    }
}
