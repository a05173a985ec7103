package dev.kairos.dispatch.customers;

import dev.kairos.dispatch.engine.DecisionEngine;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

@RestController
@SecurityRequirement(name = "bearer")
class CustomerDataController {

    private final DecisionEngine engine;
    private final ObjectMapper json;

    CustomerDataController(DecisionEngine engine, ObjectMapper json) {
        this.engine = engine;
        this.json = json;
    }

    @GetMapping("/api/v1/customers/{customerId}/data-export")
    @Operation(summary = "Everything dispatch holds on the customer: its replicas of preferences and consents, send history, schedules")
    ResponseEntity<?> export(@PathVariable String customerId) {
        return engine.customerData(customerId)
                .<ResponseEntity<?>>map(data -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("customerId", customerId);
                    data.forEach((store, avroJson) -> body.put(store, json.readTree(avroJson)));
                    return ResponseEntity.ok(body);
                })
                .orElseGet(() -> ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(
                        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The decision engine is starting.")));
    }
}
