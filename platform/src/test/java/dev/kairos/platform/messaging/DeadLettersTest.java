package dev.kairos.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.MessageBuilder;

class DeadLettersTest {

    @Test
    void theCauseOfADeadLetterIsWhatTheFunctionThrewNotTheContainersWrappers() {
        SerializationException thrown = new SerializationException("Cannot decode");
        Exception wrapped = new ListenerExecutionFailedException("Listener failed", "preferences.erasures",
                new MessageHandlingException(MessageBuilder.withPayload(new byte[0]).build(), "in handler", thrown));

        assertThat(DeadLetters.cause(wrapped)).isSameAs(thrown);
    }
}
