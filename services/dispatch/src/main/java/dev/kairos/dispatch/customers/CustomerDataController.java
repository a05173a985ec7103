package dev.kairos.dispatch.customers;

import dev.kairos.dispatch.queries.DispatchQueries;
import dev.kairos.dispatch.instances.InstanceForwarder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

@RestController
@SecurityRequirement(name = "bearer")
class CustomerDataController {

    private final DispatchQueries queries;
    private final ObjectMapper json;
    private final InstanceForwarder forwarder;

    CustomerDataController(DispatchQueries queries, ObjectMapper json, InstanceForwarder forwarder) {
        this.queries = queries;
        this.forwarder = forwarder;
        this.json = json;
    }

    @GetMapping("/api/v1/customers/{customerId}/data-export")
    @Operation(summary = "Everything dispatch holds on the customer: its replicas of preferences and consents, "
            + "send history, schedules. Any instance answers: it asks the one that holds the customer.")
    ResponseEntity<?> export(@PathVariable String customerId,
                             @RequestHeader(value = InstanceForwarder.FORWARDED, required = false) String forwarded)
            throws IOException, InterruptedException {
        DispatchQueries.Holder holder = queries.holderOfCustomer(customerId);
        if (holder instanceof DispatchQueries.Holder.There there && forwarded == null) {
            return forwarder.forward(there.host(), there.port(),
                    "/api/v1/customers/" + InstanceForwarder.segment(customerId) + "/data-export");
        }
        if (holder instanceof DispatchQueries.Holder.Here) {
            var data = queries.customerData(customerId);
            if (data.isPresent()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("customerId", customerId);
                data.get().forEach((store, avroJson) -> body.put(store, json.readTree(avroJson)));
                return ResponseEntity.ok(body);
            }
        }
        // Starting, or the customer's partition is moving between instances: an export from here now
        // would silently miss what the other instance holds, so ask again shortly.
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The customer's data is being moved between dispatch instances or the engine is starting; retry shortly.");
        problem.setTitle("Customer data temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
