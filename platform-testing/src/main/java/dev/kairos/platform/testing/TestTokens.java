package dev.kairos.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.kairos.platform.local.LocalIssuer;

/**
 * API tokens for tests: one RSA key pair per JVM (in a temporary folder). Point the service at
 * {@link #publicKeyLocation()} and send {@code "Bearer " + TestTokens.bearer("messages:send")}.
 */
public final class TestTokens {

    private static final Duration TTL = Duration.ofHours(1);
    /** The audience of test services ({@code kairos.security.audience}) and of the tokens minted here. */
    public static final String AUDIENCE = "kairos-test";

    private TestTokens() {
    }

    /** A {@code file:} URL of the PEM public key, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return Holder.ISSUER.publicKeyLocation();
    }

    /**
     * A signed RS256 access token (without the "Bearer " prefix): issuer kairos-local, audience
     * {@value #AUDIENCE}, subject "test", the given scopes, valid 1 h.
     */
    public static String bearer(String... scopes) {
        return Holder.ISSUER.mint("test", List.of(scopes), List.of(AUDIENCE), TTL);
    }

    /** Any claims and {@code typ}, signed with the test key: for tests of the tokens a service refuses. */
    public static String signed(JOSEObjectType type, JWTClaimsSet claims) {
        return Holder.ISSUER.sign(type, claims);
    }

    /** Created on first use only: key generation takes a moment. */
    private static final class Holder {
        static final LocalIssuer ISSUER = create();

        private static LocalIssuer create() {
            try {
                Path folder = Files.createTempDirectory("kairos-test-keys-");
                // deleteOnExit runs in reverse order of registration: the files first, then the folder.
                folder.toFile().deleteOnExit();
                LocalIssuer issuer = LocalIssuer.loadOrCreate(folder);
                try (var files = Files.list(folder)) {
                    files.forEach(file -> file.toFile().deleteOnExit());
                }
                return issuer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
