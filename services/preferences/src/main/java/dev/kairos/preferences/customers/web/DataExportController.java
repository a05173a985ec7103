package dev.kairos.preferences.customers.web;

import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** GDPR access: what this service holds on a customer, collected by compliance's export. */
@RestController
@Tag(name = "Customer preferences")
class DataExportController {

    private final PreferencesService service;

    DataExportController(PreferencesService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/customers/{customerId}/data-export")
    @Operation(summary = "Everything this service holds on the customer (preferences is null when it holds nothing)")
    DataExport export(@PathVariable String customerId) {
        return service.find(customerId)
                .map(stored -> new DataExport(customerId, new StoredPreferences(
                        PreferencesForm.of(stored.document()), stored.version(), stored.updatedAt())))
                .orElseGet(() -> new DataExport(customerId, null));
    }

    /**
     * Consent submissions are not listed: this service forwards them to compliance and keeps no copy, so
     * compliance's own export holds them.
     */
    record DataExport(String customerId, StoredPreferences preferences) {
    }

    record StoredPreferences(PreferencesForm document, long version, Instant updatedAt) {
    }
}
