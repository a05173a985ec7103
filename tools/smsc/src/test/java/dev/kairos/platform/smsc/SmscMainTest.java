package dev.kairos.platform.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmscMainTest {

    @Test
    void thePasswordComesFromTheSecretFileWithoutItsLineBreak(@TempDir Path folder) throws IOException {
        Path secret = Files.writeString(folder.resolve("smpp_password"), "a1b2c3d4\n");

        assertThat(SmscMain.password(Map.of("KAIROS_SMPP_PASSWORD_FILE", secret.toString(),
                "KAIROS_SMPP_PASSWORD", "ignored"))).isEqualTo("a1b2c3d4");
    }

    @Test
    void withoutAFileThePasswordIsTheVariable() throws IOException {
        assertThat(SmscMain.password(Map.of("KAIROS_SMPP_PASSWORD", "secret1"))).isEqualTo("secret1");
        assertThat(SmscMain.password(Map.of())).isEmpty();
    }
}
