package dev.kairos.platform.web;

import java.util.List;

/** Thrown by application services when a request breaks rules that annotations cannot express. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidRequestException(List<FieldProblem> problems) {
        super("Invalid request: " + problems.size() + " invalid field(s)");
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
