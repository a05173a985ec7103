package dev.kairos.platform.security;

import org.springframework.core.env.Environment;

/**
 * The {@code local} profile, which only the one-command local run turns on: there alone may a service run
 * with development keys and without an issuer or audience.
 */
public final class LocalProfile {

    public static final String NAME = "local";

    private LocalProfile() {
    }

    public static boolean isOn(Environment environment) {
        return environment.matchesProfiles(NAME);
    }
}
