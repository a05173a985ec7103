package dev.kairos.dispatch.requests;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.ProblemDetailsAdvice;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The answer of {@code POST /api/v1/messages/batch}: per item, in the order sent, {@code ACCEPTED} (stored in the
 * inbox, as a 202 for one request), {@code INVALID} with the 400 problem naming its fields, or {@code UNAVAILABLE}
 * with a 503 problem when the broker did not take it (send that item again, same requestId).
 */
final class Batch {

    static final int MAX_ITEMS = 1_000;

    private final Map<String, Object>[] items;

    @SuppressWarnings("unchecked")
    Batch(int size) {
        this.items = new Map[size];
    }

    void refused(int index, String requestId, List<FieldProblem> problems) {
        items[index] = item(index, requestId, "INVALID", ProblemDetailsAdvice.invalidRequest(problems));
    }

    void stored(int index, String requestId, boolean stored) {
        if (stored) {
            items[index] = item(index, requestId, "ACCEPTED", null);
            return;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The request could not be stored; nothing was accepted for it. Retry it with the same requestId.");
        problem.setTitle("Request inbox unavailable");
        items[index] = item(index, requestId, "UNAVAILABLE", problem);
    }

    Map<String, Object> answer() {
        List<Map<String, Object>> all = List.of(items);
        long accepted = all.stream().filter(i -> "ACCEPTED".equals(i.get("status"))).count();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", accepted);
        answer.put("refused", all.size() - accepted);
        answer.put("items", all);
        return answer;
    }

    /** An empty batch, or one over {@link #MAX_ITEMS}: nothing is accepted. */
    static ResponseEntity<ProblemDetail> wrongSize(int size) {
        HttpStatus status = size == 0 ? HttpStatus.BAD_REQUEST : HttpStatus.CONTENT_TOO_LARGE;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "A batch holds 1 to " + MAX_ITEMS
                + " requests; this one holds " + size + ". Nothing was accepted.");
        problem.setType(URI.create("https://kairos.dev/problems/batch-size"));
        problem.setTitle("Batch size out of range");
        return ResponseEntity.status(status).body(problem);
    }

    private static Map<String, Object> item(int index, String requestId, String status, ProblemDetail problem) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("index", index);
        item.put("requestId", requestId);
        item.put("status", status);
        if (problem != null) {
            item.put("problem", problem);
        }
        return item;
    }
}
