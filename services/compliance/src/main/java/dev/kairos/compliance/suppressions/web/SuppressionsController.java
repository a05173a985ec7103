package dev.kairos.compliance.suppressions.web;

import dev.kairos.compliance.addresses.AddressSyntax;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.suppressions.Suppression;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionsController {

    /** Erasure suppresses through the erasure call only, so that a fresh opt-in can tell what it may lift. */
    private static final List<SuppressionReason> POSTABLE = Arrays.stream(SuppressionReason.values())
            .filter(r -> r != SuppressionReason.ERASURE).toList();

    private final SuppressionService suppressions;
    private final AddressHmac addressHmac;
    private final Clock clock;

    SuppressionsController(SuppressionService suppressions, AddressHmac addressHmac, Clock clock) {
        this.suppressions = suppressions;
        this.addressHmac = addressHmac;
        this.clock = clock;
    }

    @Operation(summary = "Add a do-not-contact entry for an address",
            description = "Published on compliance.suppressions.v1 under the address HMAC. Needs the consents:write scope.")
    @PostMapping
    ResponseEntity<SuppressionView> suppress(@RequestBody SuppressionRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Channel> channel = Optional.empty();
        if (request.channel() != null) {
            channel = Arrays.stream(Channel.values()).filter(c -> c.name().equals(request.channel())).findFirst();
            if (channel.isEmpty()) {
                problems.add(new FieldProblem("channel", "must be one of EMAIL, SMS, MAIL, or absent for every channel"));
            }
        }
        addressProblem(request.address(), channel).ifPresent(m -> problems.add(new FieldProblem("address", m)));
        SuppressionReason reason = SuppressionReason.MANUAL;
        if (request.reason() != null) {
            Optional<SuppressionReason> named = POSTABLE.stream().filter(r -> r.name().equals(request.reason())).findFirst();
            if (named.isEmpty()) {
                problems.add(new FieldProblem("reason", "must be one of " + String.join(", ",
                        POSTABLE.stream().map(Enum::name).toList())));
            } else {
                reason = named.get();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Suppression standing = suppressions.suppress(request.address(), channel.orElse(null), reason, clock.instant(), "API");
        return ResponseEntity.status(HttpStatus.CREATED).body(SuppressionView.of(standing));
    }

    @Operation(summary = "The do-not-contact entries of an address",
            description = "An empty list when the address is not suppressed. Needs the consents:read scope.")
    @GetMapping
    AddressSuppressions find(@RequestParam(required = false) String address) {
        addressProblem(address, Optional.empty()).ifPresent(m -> {
            throw new InvalidRequestException("address", m);
        });
        return new AddressSuppressions(addressHmac.of(address),
                suppressions.of(address).map(SuppressionView::of).stream().toList());
    }

    /** An address of the channel, or, without one, of whichever channel its form says (email, E.164, postal). */
    private static Optional<String> addressProblem(String address, Optional<Channel> channel) {
        if (address == null || address.isBlank()) {
            return Optional.of("must not be blank");
        }
        String trimmed = address.trim();
        Channel kind = channel.orElse(trimmed.contains("@") ? Channel.EMAIL
                : trimmed.startsWith("+") ? Channel.SMS : Channel.MAIL);
        return AddressSyntax.problem(kind, address);
    }

    record SuppressionRequest(
            @Schema(description = "Email address, E.164 phone number or postal address line",
                    example = "ada@example.com", requiredMode = Schema.RequiredMode.REQUIRED)
            String address,
            @Schema(allowableValues = {"EMAIL", "SMS", "MAIL"}, description = "Absent: every channel")
            String channel,
            @Schema(allowableValues = {"MANUAL", "HARD_BOUNCE", "COMPLAINT", "MAIL_RETURNED", "STOP_KEYWORD"},
                    defaultValue = "MANUAL")
            String reason) {
    }

    /** @param channel {@code null}: every channel */
    record SuppressionView(String addressHmac, Channel channel, SuppressionReason reason, Instant since) {

        static SuppressionView of(Suppression s) {
            return new SuppressionView(s.addressHmac(), s.channel(), s.reason(), s.since());
        }
    }

    /** @param suppressions empty when the address may be contacted */
    record AddressSuppressions(String addressHmac, List<SuppressionView> suppressions) {
    }
}
