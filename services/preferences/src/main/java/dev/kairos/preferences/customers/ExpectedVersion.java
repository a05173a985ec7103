package dev.kairos.preferences.customers;

import java.util.OptionalLong;
import java.util.Set;

/** The versions a write is conditional on (from {@code If-Match}); an unconditional write accepts any state. */
public final class ExpectedVersion {

    private static final ExpectedVersion UNCONDITIONAL = new ExpectedVersion(false, Set.of());
    private static final ExpectedVersion EXISTING = new ExpectedVersion(true, Set.of());

    private final boolean conditional;
    private final Set<Long> versions;

    private ExpectedVersion(boolean conditional, Set<Long> versions) {
        this.conditional = conditional;
        this.versions = versions;
    }

    public static ExpectedVersion unconditional() {
        return UNCONDITIONAL;
    }

    /** Any version, as long as the preferences exist ({@code If-Match: *}). */
    public static ExpectedVersion existing() {
        return EXISTING;
    }

    /** One of {@code versions}; an empty set admits nothing. */
    public static ExpectedVersion oneOf(Set<Long> versions) {
        return new ExpectedVersion(true, Set.copyOf(versions));
    }

    public boolean admits(OptionalLong current) {
        if (!conditional) {
            return true;
        }
        if (current.isEmpty()) {
            return false;
        }
        return this == EXISTING || versions.contains(current.getAsLong());
    }

    public boolean isConditional() {
        return conditional;
    }
}
