package dev.kairos.dispatch.requests;

import dev.kairos.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Checks a request across its fields, beyond what each field's annotations say. */
final class RequestRules {

    private RequestRules() {
    }

    static List<FieldProblem> check(MessageRequest r) {
        List<FieldProblem> problems = new ArrayList<>();
        boolean anyContent = r.content() != null && r.content().entrySet().stream()
                .anyMatch(e -> e.getValue() != null && e.getValue().present()
                        && (r.channels() == null || r.channels().isEmpty() || r.channels().contains(e.getKey())));
        if (!anyContent && r.templateId() == null) {
            problems.add(new FieldProblem("content", "must carry a text or html part for at least one allowed channel"));
        }
        if (r.content() != null && r.content().containsKey(MessageRequest.ChannelName.EMAIL)) {
            MessageRequest.Content email = r.content().get(MessageRequest.ChannelName.EMAIL);
            if (email != null && email.present() && (email.subject() == null || email.subject().isBlank())) {
                problems.add(new FieldProblem("content.EMAIL.subject", "an email needs a subject"));
            }
        }
        if (r.notBefore() != null && r.expiresAt() != null && !r.expiresAt().isAfter(r.notBefore())) {
            problems.add(new FieldProblem("expiresAt", "must be after notBefore"));
        }
        return problems;
    }
}
