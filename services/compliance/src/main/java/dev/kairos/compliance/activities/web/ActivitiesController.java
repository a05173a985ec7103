package dev.kairos.compliance.activities.web;

import dev.kairos.compliance.activities.ActivityService;
import dev.kairos.compliance.activities.RecordActivity;
import dev.kairos.compliance.activities.RecordedActivity;
import dev.kairos.compliance.addresses.AddressSyntax;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.rules.ActivityType;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ActivitiesController {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    /** As for consents: the reporting system's clock may run a little ahead of ours. */
    private static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private final ActivityService activities;
    private final Clock clock;

    ActivitiesController(ActivityService activities, Clock clock) {
        this.activities = activities;
        this.clock = clock;
    }

    @Operation(summary = "Record a purchase, inquiry, click, visit or open",
            description = "Extends the consents the activity moves (EXTENDED ledger entries) and, for a purchase "
                    + "or inquiry naming a channel, address, purpose and jurisdiction CA, creates CASL implied "
                    + "consent where there is none. Needs the consents:write scope.")
    @PostMapping("/api/v1/activities")
    @ResponseStatus(HttpStatus.CREATED)
    ActivityResponse record(@RequestBody ActivityRequest request) {
        RecordedActivity recorded = activities.record(validate(request, clock.instant()));
        return new ActivityResponse(recorded.activityId(), recorded.entries().stream()
                .map(e -> new EntryView(e.entryId(), e.sequence(), e.type(), e.channel(), e.purpose(), e.basis(),
                        e.expiresAt()))
                .toList());
    }

    static RecordActivity validate(ActivityRequest request, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.customerId() == null || !IDENTIFIER.matcher(request.customerId()).matches()) {
            problems.add(new FieldProblem("customerId", "must be 1 to 128 letters, digits or . _ : -"));
        }
        ActivityType type = constant(ActivityType.class, request.type());
        if (type == null) {
            problems.add(new FieldProblem("type", "must be one of " + names(ActivityType.class)));
        }
        Instant at = null;
        if (request.at() == null) {
            problems.add(new FieldProblem("at", "is required"));
        } else {
            try {
                at = OffsetDateTime.parse(request.at()).toInstant();
                if (at.isAfter(now.plus(CLOCK_TOLERANCE))) {
                    problems.add(new FieldProblem("at", "must not be in the future"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("at", "must be an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z"));
            }
        }
        Channel channel = null;
        boolean namesAnAddress = request.channel() != null || request.address() != null || request.purpose() != null
                || request.jurisdiction() != null;
        if (namesAnAddress) {
            channel = constant(Channel.class, request.channel());
            if (channel == null) {
                problems.add(new FieldProblem("channel", "must be one of " + names(Channel.class)
                        + " when an address, purpose or jurisdiction is given"));
            } else {
                Channel named = channel;
                AddressSyntax.problem(named, request.address())
                        .ifPresent(message -> problems.add(new FieldProblem("address", message)));
            }
            if (request.purpose() == null || !IDENTIFIER.matcher(request.purpose()).matches()) {
                problems.add(new FieldProblem("purpose", "must be 1 to 128 letters, digits or . _ : -"));
            }
            if (request.jurisdiction() == null || !JURISDICTION.matcher(request.jurisdiction()).matches()) {
                problems.add(new FieldProblem("jurisdiction",
                        "must be an ISO 3166-1 alpha-2 country (CA) or ISO 3166-2 subdivision (CA-QC)"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new RecordActivity(request.customerId(), type, at, channel, namesAnAddress ? request.address() : null,
                namesAnAddress ? request.purpose() : null, namesAnAddress ? request.jurisdiction() : null);
    }

    private static <E extends Enum<E>> E constant(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equals(value)).findFirst().orElse(null);
    }

    private static String names(Class<? extends Enum<?>> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    /** @param entries the ledger entries the activity caused: EXTENDED, or GRANTED for created implied consent */
    record ActivityResponse(long activityId, List<EntryView> entries) {
    }

    record EntryView(UUID entryId, long sequence, EntryType type, Channel channel, String purpose, LegalBasis basis,
                     Instant expiresAt) {
    }
}
