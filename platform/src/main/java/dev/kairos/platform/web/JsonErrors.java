package dev.kairos.platform.web;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/** Turns a body the JSON reader rejected into the field it stumbled on, without echoing the input. */
final class JsonErrors {

    /** Jackson names the Java getter a limit comes from: of no use to an API client. */
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",? from `[^`]*`");

    private JsonErrors() {
    }

    static FieldProblem describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof StreamConstraintsException limit) {
            // Jackson's message states the limit and the size found, never the input itself.
            return new FieldProblem(field(limit), "exceeds a limit: "
                    + LIMIT_SOURCE.matcher(limit.getOriginalMessage()).replaceAll(""));
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return new FieldProblem(field(jackson), "has a value of the wrong type or format");
        }
        return new FieldProblem("", "the body is not valid JSON");
    }

    private static String field(JacksonException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
