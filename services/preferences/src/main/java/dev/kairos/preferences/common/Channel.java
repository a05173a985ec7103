package dev.kairos.preferences.common;

import dev.kairos.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** A way of reaching a customer. */
public enum Channel {
    EMAIL, SMS, MAIL;

    private static final String ALLOWED = "must be one of EMAIL, SMS, MAIL";

    /**
     * Reads a list of channel names, reporting each unknown or repeated one under {@code field[i]}.
     * Returns null when {@code names} is null, so the caller decides whether absence is allowed.
     */
    public static List<Channel> parseAll(List<String> names, String field, List<FieldProblem> problems) {
        if (names == null) {
            return null;
        }
        // A channel may appear once: a longer list is refused as a whole, without a problem per entry.
        if (names.size() > values().length) {
            problems.add(new FieldProblem(field, "must hold at most " + values().length + " channels"));
            return List.of();
        }
        List<Channel> channels = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String at = field + "[" + i + "]";
            Channel channel = parse(names.get(i), at, problems);
            if (channel == null) {
                continue;
            }
            if (channels.contains(channel)) {
                problems.add(new FieldProblem(at, "repeats " + channel));
            } else {
                channels.add(channel);
            }
        }
        return List.copyOf(channels);
    }

    private static Channel parse(String name, String field, List<FieldProblem> problems) {
        if (name != null) {
            for (Channel channel : values()) {
                if (channel.name().equals(name)) {
                    return channel;
                }
            }
        }
        problems.add(new FieldProblem(field, ALLOWED));
        return null;
    }
}
