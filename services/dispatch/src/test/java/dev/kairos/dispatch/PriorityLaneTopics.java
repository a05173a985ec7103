package dev.kairos.dispatch;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A test instance's own priority lane topics (ADR 0036). A dispatch started with a new application id decides
 * everything already in the inboxes it reads from their start, and its senders send everything in the queues: on the
 * broker the ITs share, the default priority inbox and queues hold the other ITs' SERVICE messages. Each test that
 * starts dispatch with its own inbox gives it these too.
 */
final class PriorityLaneTopics {

    private PriorityLaneTopics() {
    }

    /** Topic key → this run's topic name, for the priority inbox and the three priority send queues. */
    static Map<String, String> of(String run) {
        return Map.of(
                "priority-requests", "dispatch.priority-requests." + run + ".v1",
                "priority-send-email", "dispatch.internal.priority-send-email." + run + ".v1",
                "priority-send-sms", "dispatch.internal.priority-send-sms." + run + ".v1",
                "priority-send-mail", "dispatch.internal.priority-send-mail." + run + ".v1");
    }

    /** {@code arguments} of a forked or embedded instance, followed by the priority lane's topic names. */
    static String[] with(String run, String... arguments) {
        return Stream.concat(Arrays.stream(arguments), of(run).entrySet().stream()
                .map(e -> "--kairos.topics.catalogue." + e.getKey() + ".name=" + e.getValue()))
                .toArray(String[]::new);
    }

    /** As properties of a Spring test context. */
    static void register(DynamicPropertyRegistry registry, String run) {
        of(run).forEach((key, name) -> registry.add("kairos.topics.catalogue." + key + ".name", () -> name));
    }
}
