package dev.kairos.dispatch.templates;

import dev.kairos.dispatch.decision.Submission;
import dev.kairos.dispatch.rendering.Template;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code PUT /api/v1/templates/{templateId}}, and of its {@code GET}:
 * <pre>{"defaultLocale": "en", "variables": ["code"],
 *  "locales": {"en": {"EMAIL": {"subject": "...", "text": "...", "html": "..."}, "SMS": {"text": "..."}},
 *              "fr": {...}}}</pre>
 * Channel names are kept as sent, for the template rule to refuse an unknown one by name; a null part is no part.
 * The path names the template: a {@code templateId} in the body is ignored.
 */
record TemplateBody(String templateId, String defaultLocale, List<String> variables,
                    Map<String, Map<String, Part>> locales) {

    record Part(String subject, String text, String html) {
    }

    Template toTemplate(String id) {
        Map<String, Map<String, Submission.Part>> parts = new HashMap<>();
        if (locales != null) {
            locales.forEach((locale, channels) -> {
                Map<String, Submission.Part> content = null;
                if (channels != null) {
                    content = new HashMap<>();
                    for (Map.Entry<String, Part> c : channels.entrySet()) {
                        Part p = c.getValue();
                        if (p != null) {
                            content.put(c.getKey(), new Submission.Part(p.subject(), p.text(), p.html()));
                        }
                    }
                }
                parts.put(locale, content);
            });
        }
        return new Template(id, defaultLocale, variables == null ? List.of() : variables, parts);
    }

    static TemplateBody of(Template t) {
        Map<String, Map<String, Part>> locales = new HashMap<>();
        t.locales().forEach((locale, content) -> {
            Map<String, Part> channels = new HashMap<>();
            content.forEach((channel, p) -> channels.put(channel, new Part(p.subject(), p.text(), p.html())));
            locales.put(locale, channels);
        });
        return new TemplateBody(t.templateId(), t.defaultLocale(), t.variables(), locales);
    }
}
