package dev.kairos.platform.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LocalIssuerTest {

    @TempDir
    Path folder;

    @Test
    void mintedTokenVerifiesWithThePublicKeyFileAndCarriesScopesAndExpiry() throws Exception {
        LocalIssuer issuer = LocalIssuer.loadOrCreate(folder);

        String token = issuer.mint("alice", List.of("messages:send", "messages:read"),
                List.of(LocalIssuer.DISPATCH), Duration.ofMinutes(30));

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(issuer.keyId()).isNotBlank();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.verify(new RSASSAVerifier(publicKeyFromPem(folder.resolve("jwt-public.pem"))))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("kairos-local");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getAudience()).containsExactly("kairos-dispatch");
        assertThat(claims.getStringClaim("scope")).isEqualTo("messages:send messages:read");
        Instant issuedAt = claims.getIssueTime().toInstant();
        Instant expiresAt = claims.getExpirationTime().toInstant();
        assertThat(Duration.between(issuedAt, expiresAt)).isEqualTo(Duration.ofMinutes(30));
        assertThat(expiresAt).isCloseTo(Instant.now().plus(Duration.ofMinutes(30)), within(Duration.ofSeconds(10)));
    }

    @Test
    void keysPersistAcrossInstancesOnTheSameFolder() throws Exception {
        LocalIssuer first = LocalIssuer.loadOrCreate(folder);
        String token = first.mint("bob", List.of("audit:read"), LocalIssuer.ALL_AUDIENCES, Duration.ofHours(1));

        LocalIssuer second = LocalIssuer.loadOrCreate(folder);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.publicKey()).isEqualTo(first.publicKey());
        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(second.publicKey()))).isTrue();
        assertThat(Files.readString(folder.resolve("jwt-private.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.getPosixFilePermissions(folder.resolve("jwt-private.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(second.publicKeyLocation()).startsWith("file:").endsWith("jwt-public.pem");
    }

    @Test
    void anotherFoldersKeyDoesNotVerifyTheToken(@TempDir Path otherFolder) throws Exception {
        String token = LocalIssuer.loadOrCreate(folder).mint("carol", List.of("preferences:read"), LocalIssuer.ALL_AUDIENCES, Duration.ofHours(1));

        RSAPublicKey otherKey = LocalIssuer.loadOrCreate(otherFolder).publicKey();

        assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(otherKey))).isFalse();
    }

    @Test
    void aMissingPublicKeyFileIsWrittenAgainFromThePrivateKey() throws Exception {
        LocalIssuer first = LocalIssuer.loadOrCreate(folder);
        Files.delete(folder.resolve("jwt-public.pem"));

        LocalIssuer second = LocalIssuer.loadOrCreate(folder);

        assertThat(publicKeyFromPem(folder.resolve("jwt-public.pem"))).isEqualTo(first.publicKey());
        assertThat(second.keyId()).isEqualTo(first.keyId());
    }

    /** Reads the PEM file the way any other verifier would: independent of LocalIssuer's own reader. */
    private static RSAPublicKey publicKeyFromPem(Path file) throws Exception {
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }
}
