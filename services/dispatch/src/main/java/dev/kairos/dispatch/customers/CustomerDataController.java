package dev.kairos.dispatch.customers;

import dev.kairos.dispatch.instances.InstanceForwarder;
import dev.kairos.dispatch.queries.DispatchQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A customer's data as dispatch holds it (GDPR art. 15). Each decision lane (ADR 0036) keeps its own stores, and
 * a customer's partition of each lane may live on a different instance: the instance asked collects both, asking
 * the holder of each, and answers the ordinary lane's stores at the top level and the priority lane's under
 * {@code priorityLane}.
 */
@RestController
@SecurityRequirement(name = "bearer")
class CustomerDataController {

    private static final String ORDINARY = "ordinary";
    private static final String PRIORITY = "priority";

    private final DispatchQueries ordinary;
    private final DispatchQueries priority;
    private final ObjectMapper json;
    private final InstanceForwarder forwarder;

    CustomerDataController(@Qualifier("dispatchQueries") DispatchQueries ordinary,
                           @Qualifier("priorityDispatchQueries") DispatchQueries priority, ObjectMapper json,
                           InstanceForwarder forwarder) {
        this.ordinary = ordinary;
        this.priority = priority;
        this.forwarder = forwarder;
        this.json = json;
    }

    @GetMapping("/api/v1/customers/{customerId}/data-export")
    @Operation(summary = "Everything dispatch holds on the customer: its replicas of preferences and consents, "
            + "send history, schedules and digest items, of both decision lanes (the priority lane's under "
            + "`priorityLane`). Any instance answers: it asks the ones that hold the customer.")
    ResponseEntity<?> export(@PathVariable String customerId,
                             @Parameter(hidden = true) @RequestParam(required = false) String lane,
                             @RequestHeader(value = InstanceForwarder.FORWARDED, required = false) String forwarded)
            throws IOException, InterruptedException {
        if (forwarded != null) {
            // Another instance asks for one lane's stores held here (an older instance names none: the ordinary).
            return local(PRIORITY.equals(lane) ? priority : ordinary, customerId)
                    .<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(CustomerDataController::unavailable);
        }
        Optional<Map<String, Object>> stores = part(ordinary, ORDINARY, customerId);
        Optional<Map<String, Object>> priorityStores = part(priority, PRIORITY, customerId);
        if (stores.isEmpty() || priorityStores.isEmpty()) {
            return unavailable();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.putAll(stores.get());
        if (!priorityStores.get().isEmpty()) {
            body.put("priorityLane", priorityStores.get());
        }
        return ResponseEntity.ok(body);
    }

    /** One lane's stores on the customer, from here or from the instance that holds them; empty while moving. */
    private Optional<Map<String, Object>> part(DispatchQueries lane, String name, String customerId)
            throws IOException, InterruptedException {
        DispatchQueries.Holder holder = lane.holderOfCustomer(customerId);
        if (holder instanceof DispatchQueries.Holder.Here) {
            return local(lane, customerId);
        }
        if (holder instanceof DispatchQueries.Holder.There there) {
            ResponseEntity<String> answer = forwarder.forward(there.host(), there.port(), "/api/v1/customers/"
                    + InstanceForwarder.segment(customerId) + "/data-export?lane=" + name);
            if (answer.getStatusCode().is2xxSuccessful()) {
                Map<String, Object> stores = new LinkedHashMap<>();
                json.readTree(answer.getBody()).properties().forEach(e -> stores.put(e.getKey(), e.getValue()));
                return Optional.of(stores);
            }
        }
        return Optional.empty();
    }

    /** The lane's stores on the customer held by this instance, by store name. */
    private Optional<Map<String, Object>> local(DispatchQueries lane, String customerId) {
        return lane.customerData(customerId).map(data -> {
            Map<String, Object> stores = new LinkedHashMap<>();
            data.forEach((store, avroJson) -> stores.put(store, (JsonNode) json.readTree(avroJson)));
            return stores;
        });
    }

    /**
     * Starting, or the customer's partition is moving between instances: an export now would silently miss what
     * another instance holds, so the caller asks again shortly.
     */
    private static ResponseEntity<?> unavailable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The customer's data is being moved between dispatch instances or the engine is starting; retry shortly.");
        problem.setTitle("Customer data temporarily unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
