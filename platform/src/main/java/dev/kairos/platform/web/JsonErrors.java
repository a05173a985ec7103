package dev.kairos.platform.web;

import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;

/** Turns a body the JSON reader rejected into the field it stumbled on, without echoing the input. */
final class JsonErrors {

    private JsonErrors() {
    }

    static FieldProblem describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return new FieldProblem(field, "has a value of the wrong type or format");
        }
        return new FieldProblem("", "the body is not valid JSON");
    }
}
