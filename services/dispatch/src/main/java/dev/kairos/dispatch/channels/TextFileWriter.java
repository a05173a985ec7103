package dev.kairos.dispatch.channels;

import dev.kairos.proto.dispatch.SendApproved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The local SMS and letter ends until their providers arrive: one text file per message. */
class TextFileWriter implements MessageWriter {

    private final Path folder;
    private final String channel;

    TextFileWriter(Path folder, String channel) throws IOException {
        this.folder = Files.createDirectories(folder);
        this.channel = channel;
    }

    @Override
    public String write(SendApproved send) {
        String content = "To: " + send.getAddress() + "\n"
                + (send.getSubject() == null ? "" : "Subject: " + send.getSubject() + "\n")
                + "\n" + (send.getText() == null ? "" : send.getText()) + "\n";
        String name = FileNames.of(send.getRequestId(), channel);
        Path file = folder.resolve(name + ".txt");
        Path partial = folder.resolve(name + ".txt.partial");
        try {
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return name;
    }
}
