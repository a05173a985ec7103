package dev.kairos.dispatch.queries;

import dev.kairos.dispatch.rendering.Template;
import dev.kairos.proto.dispatch.MessageStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Look-ups in the decision engine's stores, for the controllers. Each answers empty while the engine is not
 * running: a caller then says so (503) rather than answer from nothing. The catalogue and the templates are global
 * tables: every instance holds all of them.
 */
public interface DispatchQueries {

    /** Which instance holds a key: this one, another one, or none while ownership moves. */
    sealed interface Holder {
        record Here() implements Holder {
        }

        record There(String host, int port) implements Holder {
        }

        record NoneYet() implements Holder {
        }
    }

    Holder holderOfStatus(String requestId);

    /** Which instance holds what dispatch knows of a customer (their replicas, history and schedules). */
    Holder holderOfCustomer(String customerId);

    /** The status of a request held by this instance, if this instance holds it. */
    Optional<MessageStatus> status(String requestId);

    /**
     * What this instance's stores hold on a customer (ask {@link #holderOfCustomer} which instance that is), as
     * JSON per store.
     */
    Optional<Map<String, String>> customerData(String customerId);

    /** Whether the topic catalogue replica knows this topic. */
    Optional<Boolean> knowsTopic(String topicId);

    /**
     * Whether requests of this topic are decided by the priority lane (a SERVICE topic, ADR 0036); empty when the
     * catalogue replica does not know the topic or while the engine is not running.
     */
    Optional<Boolean> decidedByPriorityLane(String topicId);

    /** Whether the templates replica holds this template. */
    Optional<Boolean> knowsTemplate(String templateId);

    /** The stored template, from this instance's replica; empty when unknown or while the engine is not running. */
    Optional<Template> template(String templateId);
}
