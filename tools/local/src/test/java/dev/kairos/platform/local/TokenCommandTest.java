package dev.kairos.platform.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCommandTest {

    @TempDir
    Path home;

    @Test
    void printsOnlyATokenSignedWithTheFoldersKey() throws Exception {
        assertThat(SignedJWT.parse(run("--home", home.toString(), "messages:send")).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("messages:send");

        String token = run("--home", home.toString());

        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new RSASSAVerifier(LocalIssuer.loadOrCreate(LocalSystem.keysFolder(home)).publicKey()))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("scope").split(" ")).containsExactlyElementsOf(TokenCommand.ALL_SCOPES)
                .contains("catalogue:write", "subjects:export", "subjects:erase");
        assertThat(jwt.getJWTClaimsSet().getAudience()).as("one token for every service of the local run")
                .containsExactly("kairos-preferences", "kairos-dispatch", "kairos-compliance");
    }

    private static String run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            TokenCommand.main(args);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines()).hasSize(1);
        return printed.strip();
    }
}
