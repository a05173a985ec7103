package dev.kairos.dispatch.inbound;

import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.dispatch.MailReturned;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inbound/mail}: the print house reports a letter the post returned. It becomes a
 * {@code MailReturned} channel signal for the postal address, keyed by the HMAC of its line, on which compliance
 * suppresses the address; 202 once it is on the topic. The same letter reported again is the same event.
 */
@RestController
@RequestMapping("/api/v1/inbound")
@SecurityRequirement(name = "bearer")
class ReturnedMailController {

    private final ChannelSignals signals;
    private final Clock clock;
    private final MeterRegistry meters;

    ReturnedMailController(ChannelSignals signals, Clock clock, MeterRegistry meters) {
        this.signals = signals;
        this.clock = clock;
        this.meters = meters;
    }

    @PostMapping(path = "/mail", consumes = "application/json")
    @Operation(summary = "A letter the post returned to the print house (addressee unknown, moved, refused): "
            + "its request id from the batch manifest and the address it was sent to")
    ResponseEntity<Map<String, Object>> returned(@RequestBody ReturnedLetter letter) {
        List<FieldProblem> problems = letter.problems();
        if (!problems.isEmpty()) {
            meters.counter("kairos.dispatch.mail.returned", "result", "invalid").increment();
            throw new InvalidRequestException(problems);
        }
        String line = letter.addressLine();
        signals.publish("returned-mail/" + letter.requestId() + "/" + AddressHmac.normalise(line), Channel.MAIL, line,
                letter.reason(), clock.instant(), new MailReturned(letter.reason()));
        meters.counter("kairos.dispatch.mail.returned", "result", "published").increment();
        return ResponseEntity.accepted().body(Map.of("signals", List.of("MailReturned")));
    }
}
