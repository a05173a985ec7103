package dev.kairos.dispatch.channels;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With {@code kairos.channels.mode=off} an instance runs no channel end, so its function definition names only the
 * bindings it keeps (the outcome webhooks). Left in the definition, Spring Cloud Stream still bound a consumer to
 * each send queue in the senders' group, with nothing to hand its records to: every send that partition held was
 * rolled back three times and then moved to the dead letters, lost to the instances that do send.
 */
public class ChannelsOff implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "kairosChannelsOff";

    /** The functional bindings of the channel ends, each defined only when the mode is not {@code off}. */
    static final List<String> CHANNEL_FUNCTIONS = List.of("emailSends", "smsSends", "mailSends", "emailPrioritySends",
            "smsPrioritySends", "mailPrioritySends", "smsInbound");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!"off".equals(environment.getProperty("kairos.channels.mode"))) {
            return;
        }
        String definition = environment.getProperty("spring.cloud.function.definition", "");
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE,
                Map.of("spring.cloud.function.definition", without(definition))));
    }

    /** The definition without the channel ends' functions. */
    static String without(String definition) {
        return Arrays.stream(definition.split(";")).map(String::trim)
                .filter(function -> !function.isEmpty() && !CHANNEL_FUNCTIONS.contains(function))
                .collect(Collectors.joining(";"));
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
