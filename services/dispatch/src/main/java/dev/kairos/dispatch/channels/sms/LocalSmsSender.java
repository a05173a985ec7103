package dev.kairos.dispatch.channels.sms;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.SendFailure;
import dev.kairos.dispatch.decision.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The local SMS end: one text file per message ({@code <request>.sms.txt}); a repeat overwrites its own file. */
final class LocalSmsSender implements ChannelSender {

    private final Path folder;

    LocalSmsSender(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public String provider() {
        return "local-file";
    }

    @Override
    public String send(Outgoing m) {
        String content = "To: " + m.address() + "\n\n" + (m.text() == null ? "" : m.text()) + "\n";
        Path partial = folder.resolve(m.fileName() + ".txt.partial");
        try {
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            Files.move(partial, folder.resolve(m.fileName() + ".txt"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SendFailure("could not write the SMS file: " + e.getMessage(), false, e);
        }
        return m.fileName();
    }
}
