package dev.kairos.dispatch.channels.mail;

import dev.kairos.dispatch.channels.ChannelSender;
import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.channels.SendFailure;
import dev.kairos.dispatch.decision.Channel;
import java.io.UncheckedIOException;
import java.time.Clock;

/** Letters: rendered to PDF and put in the open print batch; the batch's closing records them as sent. */
final class PrintHouseSender implements ChannelSender {

    private final LetterRenderer renderer;
    private final PrintBatches batches;
    private final Clock clock;

    PrintHouseSender(LetterRenderer renderer, PrintBatches batches, Clock clock) {
        this.renderer = renderer;
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.MAIL;
    }

    @Override
    public String provider() {
        return "print-batch";
    }

    @Override
    public boolean sentOnHandOver() {
        return false;
    }

    @Override
    public String send(Outgoing m) {
        if (m.postal() == null) {
            throw new SendFailure("no postal address on the message", true, null);
        }
        try {
            return batches.add(m, renderer.render(m, clock.instant()));
        } catch (UncheckedIOException e) {
            throw new SendFailure("could not write the letter: " + e.getMessage(), false, e);
        }
    }
}
