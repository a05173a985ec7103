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
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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

    @Operation(summary = "A customer's consents, now or as recorded at an earlier instant",
            description = "With address, only the consents given for that address: consent attaches to the "
                    + "address it was given for. Needs the consents:read scope.")
    @GetMapping("/customers/{customerId}/consents")
    CustomerConsentsResponse consents(@PathVariable String customerId,
            @Parameter(description = "ISO-8601 instant; the state the ledger had recorded then (default: now)")
            @RequestParam(required = false) String asOf,
            @Parameter(description = "An email address, E.164 phone number or postal address, compared normalised")
            @RequestParam(required = false) String address) {
        checkCustomerId(customerId);
        Instant now = clock.instant();
        Instant at = asOf == null ? now : instant(asOf);
        if (at.isAfter(now)) {
            throw new InvalidRequestException("asOf", "must not be in the future");
        }
        List<Consent> found = asOf == null ? consents.current(customerId) : consents.asOf(customerId, at);
        if (address != null) {
            String normalised = AddressHmac.normalise(address);
            found = found.stream().filter(c -> normalised.equals(c.address())).toList();
        }
        return CustomerConsentsResponse.of(customerId, at, found);
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

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("asOf", "must be an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z");
        }
    }

    record RecordedResponse(UUID entryId, long sequence, ConsentStatus status, Instant expiresAt, String hash) {
    }

    record CustomerConsentsResponse(String customerId, Instant asOf, List<ConsentView> consents) {

        static CustomerConsentsResponse of(String customerId, Instant asOf, List<Consent> consents) {
            return new CustomerConsentsResponse(customerId, asOf, consents.stream()
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
