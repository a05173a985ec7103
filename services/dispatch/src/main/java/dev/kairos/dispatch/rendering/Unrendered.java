package dev.kairos.dispatch.rendering;

import dev.kairos.dispatch.decision.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as the engine approved it, before rendering: its parts as templates, and what fills them.
 *
 * @param decidedAt  when it was decided; the links are signed as of then, so a repeated send renders the same links
 * @param content    the request's parts as Mustache templates; null parts for a digest
 * @param variables  the request's variables; empty for a digest, whose items carry theirs
 * @param addressee  whom to greet; a title of NONE greets by name
 * @param digest     the topic's name and items for a digest; null for one request's message
 */
public record Unrendered(String customerId, String topic, Channel channel, boolean marketing, String locale,
                         Instant decidedAt, Part content, Map<String, String> variables, FormOfAddress addressee,
                         Digest digest) {

    /** A message's subject, text and HTML; each may be null. */
    public record Part(String subject, String text, String html) {
    }

    /** A digest: the topic's name as the catalogue has it, and the items it lists in their order. */
    public record Digest(String topicName, List<Item> items) {

        /** One listed request: its parts as templates and its own variables. */
        public record Item(Part content, Map<String, String> variables) {
        }
    }
}
