package dev.kairos.platform.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessSupportTest {

    @TempDir
    Path dir;

    @Test
    void aListeningPortIsNotFree() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(ProcessSupport.isFree(server.getLocalPort())).isFalse();
            assertThat(ProcessSupport.accepts(server.getLocalPort())).isTrue();
            assertThat(ProcessSupport.preferredOrFree(server.getLocalPort())).isNotEqualTo(server.getLocalPort());
        }
        assertThat(ProcessSupport.isFree(ProcessSupport.freePort())).isTrue();
    }

    @Test
    void tailReturnsTheLastLines() throws IOException {
        Path log = dir.resolve("x.log");
        Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));
        assertThat(ProcessSupport.tail(log, 3).lines()).containsExactly("line 98", "line 99", "line 100");
        assertThat(ProcessSupport.tail(dir.resolve("missing.log"), 3)).contains("no log file");
    }

    @Test
    void aPidFileOfADeadOrForeignProcessIsIgnored() throws IOException {
        Path pidFile = dir.resolve("x.pid");
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
        assertThat(ProcessSupport.recordedProcess(pidFile, "no-such-marker-in-this-command-line")).isEmpty();
        Files.writeString(pidFile, "not a pid");
        assertThat(ProcessSupport.recordedProcess(pidFile, "java")).isEmpty();
    }
}
