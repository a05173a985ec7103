package dev.kairos.preferences.customers.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kairos.preferences.customers.ExpectedVersion;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesJson;
import dev.kairos.preferences.customers.PreferencesService;
import dev.kairos.preferences.customers.StaleVersionException;
import dev.kairos.preferences.customers.UnknownCustomerException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{customerId}/preferences")
@Tag(name = "Customer preferences")
class PreferencesController {

    private static final Pattern STRONG_VERSION_TAG = Pattern.compile("\"(\\d{1,18})\"");

    private final PreferencesService service;

    PreferencesController(PreferencesService service) {
        this.service = service;
    }

    /**
     * Serves the document as it was stored, without reading it into the domain and writing it again: that
     * round trip was most of a read's cost (ADR 0015). The body has the shape of {@link PreferencesView}.
     */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The customer's preferences document with its version (also the ETag)")
    @ApiResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PreferencesView.class)))
    @ApiResponse(responseCode = "404", description = "No preferences are stored for the customer")
    ResponseEntity<String> get(@PathVariable String customerId) {
        return answer(service.getJson(customerId));
    }

    @PutMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace the customer's whole preferences document",
            description = "Each successful write is a new version, published as a full snapshot.")
    @ApiResponse(responseCode = "200", description = "The stored document, with its new version and ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = PreferencesView.class)))
    @ApiResponse(responseCode = "400", description = "Invalid fields, each named in errors; nothing stored")
    @ApiResponse(responseCode = "412", description = "If-Match does not name the current version; nothing stored")
    ResponseEntity<String> replace(@PathVariable String customerId,
            @Parameter(description = "The ETag of the version this document replaces; without it the write is unconditional")
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody PreferencesForm form) {
        return answer(service.replace(customerId, form, expectedVersion(ifMatch)));
    }

    @ExceptionHandler
    ProblemDetail stale(StaleVersionException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PRECONDITION_FAILED,
                "The preferences changed since this copy was read; read them again and reapply the change.");
        problem.setType(URI.create("https://kairos.dev/problems/stale-version"));
        problem.setTitle("Stale version");
        e.current().ifPresent(version -> problem.setProperty("currentVersion", version));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unknown(UnknownCustomerException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No preferences are stored for this customer.");
        problem.setType(URI.create("https://kairos.dev/problems/unknown-customer"));
        problem.setTitle("Unknown customer");
        return problem;
    }

    /** The stored text with its version: GET and PUT answer the same bytes for the same version. */
    private static ResponseEntity<String> answer(PreferencesJson stored) {
        return ResponseEntity.ok()
                .eTag("\"" + stored.version() + "\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(stored.withVersion());
    }

    /** If-Match compares strongly: weak tags and tags that are not versions match nothing. */
    static ExpectedVersion expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return ExpectedVersion.unconditional();
        }
        Set<Long> versions = new HashSet<>();
        for (String tag : ifMatch.split(",")) {
            String trimmed = tag.strip();
            if (trimmed.equals("*")) {
                return ExpectedVersion.existing();
            }
            Matcher matcher = STRONG_VERSION_TAG.matcher(trimmed);
            if (matcher.matches()) {
                versions.add(Long.parseLong(matcher.group(1)));
            }
        }
        return ExpectedVersion.oneOf(versions);
    }

    /** The shape of GET and PUT answers, for the API description; the bodies are written from the stored text. */
    record PreferencesView(@JsonUnwrapped PreferencesForm document, long version) {
    }
}
