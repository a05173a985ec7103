package dev.kairos.platform.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The token issuer of the local run and of tests: an RSA key pair kept in a folder
 * ({@code jwt-private.pem}, PKCS#8, and {@code jwt-public.pem}, X.509) that signs RS256 access tokens.
 * Services verify them with the public key file ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 * Local only: anyone who can read the folder can mint any token.
 */
public final class LocalIssuer {

    /** The {@code iss} claim of every token minted here. */
    public static final String ISSUER = "kairos-local";
    /** The audience each service of the local run expects (kairos.security.audience). */
    public static final String PREFERENCES = "kairos-preferences";
    public static final String DISPATCH = "kairos-dispatch";
    public static final String COMPLIANCE = "kairos-compliance";
    public static final List<String> ALL_AUDIENCES = List.of(PREFERENCES, DISPATCH, COMPLIANCE);
    /** The {@code typ} header of access tokens (RFC 9068), which the services require. */
    public static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";

    private static final int KEY_SIZE = 2048;

    private final Path publicKeyFile;
    private final RSAPublicKey publicKey;
    private final RSASSASigner signer;
    private final String keyId;

    private LocalIssuer(Path publicKeyFile, RSAPublicKey publicKey, RSAPrivateCrtKey privateKey) {
        this.publicKeyFile = publicKeyFile;
        this.publicKey = publicKey;
        this.signer = new RSASSASigner(privateKey);
        try {
            // The RFC 7638 thumbprint: the same key pair always gets the same kid.
            this.keyId = new RSAKey.Builder(publicKey).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not compute the key id", e);
        }
    }

    /** Loads the key pair in {@code folder}, creating the folder and the pair the first time. */
    public static LocalIssuer loadOrCreate(Path folder) {
        Path dir = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            // Two processes starting at once (the local run and ./kairos token) must not write two different pairs.
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(".keys.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                return loadOrCreateLocked(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not load or create the token keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Invalid token keys in " + dir, e);
        }
    }

    private static LocalIssuer loadOrCreateLocked(Path dir) throws IOException, GeneralSecurityException {
        Path privateFile = dir.resolve(PRIVATE_KEY_FILE);
        Path publicFile = dir.resolve(PUBLIC_KEY_FILE);
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey;
        if (Files.isRegularFile(privateFile)) {
            privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(readPem(privateFile, "PRIVATE KEY")));
        } else {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            KeyPair pair = generator.generateKeyPair();
            privateKey = (RSAPrivateCrtKey) pair.getPrivate();
            writePem(privateFile, "PRIVATE KEY", privateKey.getEncoded(), true);
            Files.deleteIfExists(publicFile); // belonged to another pair, if anything
        }
        // The public key follows from the private one: derive it rather than trust a file that may not match.
        RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        if (!Files.isRegularFile(publicFile)
                || !java.util.Arrays.equals(readPem(publicFile, "PUBLIC KEY"), publicKey.getEncoded())) {
            writePem(publicFile, "PUBLIC KEY", publicKey.getEncoded(), false);
        }
        return new LocalIssuer(publicFile, publicKey, privateKey);
    }

    /**
     * A signed RS256 access token with {@code iss}={@value #ISSUER}, {@code sub}, {@code aud}, {@code scope}
     * (space separated, the form Spring Security maps to {@code SCOPE_*} authorities), {@code iat}, {@code exp},
     * a {@code kid} header and {@code typ} {@code at+jwt}.
     *
     * @param audiences the services that are to accept it
     */
    public String mint(String subject, Collection<String> scopes, Collection<String> audiences, Duration ttl) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return sign(ACCESS_TOKEN, new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(subject)
                .audience(List.copyOf(audiences))
                .claim("scope", String.join(" ", scopes))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build());
    }

    /** Any claims with any {@code typ}, signed with this issuer's key: for tests of what services refuse. */
    public String sign(JOSEObjectType type, JWTClaimsSet claims) {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .type(type)
                .keyID(keyId)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
        return jwt.serialize();
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    /** The {@code kid} header of minted tokens. */
    public String keyId() {
        return keyId;
    }

    /** The PEM file of the public key. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** The public key file as a {@code file:} URL, for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return publicKeyFile.toUri().toString();
    }

    private static byte[] readPem(Path file, String type) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " is not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
        // Write beside the target and move into place, so readers never see half a key.
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                restrictToOwner(temp);
            }
            Files.writeString(temp, pem, StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: leave the default permissions
        }
    }
}
