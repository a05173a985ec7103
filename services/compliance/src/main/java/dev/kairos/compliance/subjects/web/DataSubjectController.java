package dev.kairos.compliance.subjects.web;

import dev.kairos.compliance.subjects.CustomerExport;
import dev.kairos.compliance.subjects.DataSubjectService;
import dev.kairos.compliance.subjects.Erasure;
import dev.kairos.compliance.subjects.OtherServices;
import dev.kairos.platform.web.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/customers/{customerId}")
class DataSubjectController {

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final DataSubjectService subjects;

    DataSubjectController(DataSubjectService subjects) {
        this.subjects = subjects;
    }

    @Operation(summary = "Everything Kairos holds on the customer (GDPR access and portability)",
            description = "Compliance's consents, ledger entries with their evidence, confirmations, address hashes "
                    + "and suppressions, with what preferences and dispatch hold. 502 when either does not answer. "
                    + "Needs the subjects:export scope.")
    @GetMapping("/data-export")
    CustomerExport export(@PathVariable String customerId) {
        return subjects.export(valid(customerId));
    }

    @Operation(summary = "Erase the customer (GDPR art. 17)",
            description = "Removes the customer's personal data from compliance, keeps each address as a keyed hash "
                    + "on the do-not-contact list, and announces CustomerErased so preferences and dispatch delete "
                    + "theirs. US consent proof stays 5 years, out of every API. Needs the subjects:erase scope.")
    @DeleteMapping
    Erasure erase(@PathVariable String customerId) {
        return subjects.erase(valid(customerId));
    }

    @ExceptionHandler(OtherServices.Unavailable.class)
    ProblemDetail unavailable(OtherServices.Unavailable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
                "The " + e.service() + " service did not answer; the export would be incomplete. Try again later.");
        problem.setTitle("Incomplete export");
        problem.setProperty("service", e.service());
        return problem;
    }

    private static String valid(String customerId) {
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            throw new InvalidRequestException("customerId", "must be 1 to 128 letters, digits or . _ : -");
        }
        return customerId;
    }
}
