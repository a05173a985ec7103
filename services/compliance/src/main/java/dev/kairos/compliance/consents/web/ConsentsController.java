package dev.kairos.compliance.consents.web;

import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.Consent;
import dev.kairos.compliance.consents.ConsentService;
import dev.kairos.compliance.consents.ConsentStatus;
import dev.kairos.compliance.consents.Outcome;
import dev.kairos.compliance.consents.RecordedConsent;
import dev.kairos.compliance.ledger.EntryType;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LedgerEntry;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.compliance.ledger.RecordedEntry;
import dev.kairos.platform.addresses.AddressHmac;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
class ConsentsController {

    private final ConsentService consents;
    private final Clock clock;

    ConsentsController(ConsentService consents, Clock clock) {
        this.consents = consents;
        this.clock = clock;
    }

    @Operation(summary = "Record a grant or a withdrawal",
            description = "Appends the event to the consent ledger and updates the customer's consents. "
                    + "Needs the consents:write scope.")
    @PostMapping("/consents")
    ResponseEntity<RecordedResponse> record(@RequestBody ConsentRequest request) {
        Outcome outcome = consents.apply(ConsentRequestValidator.validate(request, clock.instant()).change());
        outcome.refusal().ifPresent(refusal -> {
            throw new InvalidRequestException(refusal.field(), refusal.reason());
        });
        RecordedConsent recorded = outcome.recorded();
        URI location = UriComponentsBuilder.fromPath("/api/v1/customers/{customerId}/consents")
                .buildAndExpand(request.customerId()).toUri();
        return ResponseEntity.created(location).body(new RecordedResponse(recorded.entryId(), recorded.sequence(),
                recorded.status(), recorded.expiresAt(), recorded.hash()));
    }

    @Operation(summary = "A customer's consents, now or at an earlier instant in either sense",
            description = "asOf: the consents in force at that instant by the evidence's dates (collection, "
                    + "withdrawal, expiry); knownAt: only what the ledger had recorded by then; both combine. "
                    + "With address, only the consents given for that address: consent attaches to the "
                    + "address it was given for. Needs the consents:read scope.")
    @GetMapping("/customers/{customerId}/consents")
    CustomerConsentsResponse consents(@PathVariable String customerId,
            @Parameter(description = "ISO-8601 instant; the consents in force then by the evidence's dates "
                    + "(default: now)")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "ISO-8601 instant; only what the ledger had recorded by then (default: now)")
            @RequestParam(required = false) String knownAt,
            @Parameter(description = "An email address, E.164 phone number or postal address, compared normalised")
            @RequestParam(required = false) String address) {
        checkCustomerId(customerId);
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        Instant at = notInTheFuture("asOf", asOf, now, problems);
        Instant known = notInTheFuture("knownAt", knownAt, now, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        List<Consent> found = asOf == null && knownAt == null
                ? consents.current(customerId)
                : consents.asOf(customerId, at, known);
        if (address != null) {
            String normalised = AddressHmac.normalise(address);
            found = found.stream().filter(c -> normalised.equals(c.address())).toList();
        }
        return CustomerConsentsResponse.of(customerId, at, known, found);
    }

    @Operation(summary = "Every ledger entry of a customer, with its evidence",
            description = "Oldest first. Address and evidence are null once erased. Needs the consents:read scope.")
    @GetMapping("/customers/{customerId}/consents/history")
    HistoryResponse history(@PathVariable String customerId) {
        checkCustomerId(customerId);
        return new HistoryResponse(customerId, consents.history(customerId).stream().map(HistoryEntry::of).toList());
    }

    private static void checkCustomerId(String customerId) {
        if (!ConsentRequestValidator.IDENTIFIER.matcher(customerId).matches()) {
            throw new InvalidRequestException("customerId", "must be 1 to 128 letters, digits or . _ : -");
        }
    }

    /**
     * The instant the parameter names, {@code now} when absent; {@code null} with a problem added when it is
     * unreadable or later than now.
     */
    private static Instant notInTheFuture(String field, String value, Instant now, List<FieldProblem> problems) {
        if (value == null) {
            return now;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (!instant.isAfter(now)) {
                return instant;
            }
            problems.add(new FieldProblem(field, "must not be in the future"));
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z"));
        }
        return null;
    }

    record RecordedResponse(UUID entryId, long sequence, ConsentStatus status, Instant expiresAt, String hash) {
    }

    record CustomerConsentsResponse(String customerId, Instant asOf, Instant knownAt, List<ConsentView> consents) {

        static CustomerConsentsResponse of(String customerId, Instant asOf, Instant knownAt, List<Consent> consents) {
            return new CustomerConsentsResponse(customerId, asOf, knownAt, consents.stream()
                    .map(c -> new ConsentView(c.channel(), c.purpose(), c.status(), c.address(), c.basis(),
                            c.expiresAt(), c.entryId()))
                    .toList());
        }
    }

    record HistoryResponse(String customerId, List<HistoryEntry> entries) {
    }

    /** A ledger entry as the history shows it: the chained fields, the address and the evidence. */
    record HistoryEntry(long sequence, UUID entryId, EntryType type, Channel channel, String purpose,
                        LegalBasis basis, String jurisdiction, String source, Instant occurredAt, Instant recordedAt,
                        Instant expiresAt, String address, Evidence evidence, String addressCommitment,
                        String evidenceCommitment, String previousHash, String hash) {

        static HistoryEntry of(RecordedEntry recorded) {
            LedgerEntry e = recorded.entry();
            return new HistoryEntry(e.sequence(), e.entryId(), e.type(), e.channel(), e.purpose(), e.basis(),
                    e.jurisdiction(), e.source(), e.occurredAt(), e.recordedAt(), e.expiresAt(), recorded.address(),
                    recorded.evidence(), e.addressCommitment(), e.evidenceCommitment(), e.previousHash(), e.hash());
        }
    }

    record ConsentView(Channel channel, String purpose, ConsentStatus status, String address, LegalBasis basis,
                       Instant expiresAt, UUID entryId) {
    }
}
