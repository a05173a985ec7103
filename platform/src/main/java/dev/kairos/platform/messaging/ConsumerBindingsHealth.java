package dev.kairos.platform.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.stream.binder.Binding;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;

/**
 * The state of each consumer binding of the service: UP while every one is running, DOWN as soon as one is
 * stopped, paused, failed or not bound, since records of its topic then wait unread (an opt-out included).
 * Part of the readiness group.
 */
class ConsumerBindingsHealth implements HealthIndicator {

    private final BindingsLifecycleController bindings;
    private final List<String> names;

    ConsumerBindingsHealth(BindingsLifecycleController bindings, ConsumersProperties consumers) {
        this.bindings = bindings;
        this.names = consumers.getBindings().keySet().stream().map(ConsumersProperties::inputBinding).toList();
    }

    @Override
    public Health health() {
        Map<String, String> states = new LinkedHashMap<>();
        for (String name : names) {
            states.put(name, state(bindings.queryState(name)));
        }
        Health.Builder health = states.values().stream().allMatch("RUNNING"::equals) ? Health.up() : Health.down();
        return health.withDetails(Map.copyOf(states)).build();
    }

    private static String state(List<Binding<?>> bound) {
        if (bound.isEmpty()) {
            return "UNBOUND";
        }
        if (bound.stream().anyMatch(Binding::isPaused)) {
            return "PAUSED";
        }
        return bound.stream().allMatch(Binding::isRunning) ? "RUNNING" : "STOPPED";
    }
}
