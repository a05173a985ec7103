package dev.kairos.dispatch.decision;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one channel's subject, text and html must be, wherever they come from: the content a request carries
 * or a stored template's. Each part is compiled as a template, and bounded so that a rendered message fits in
 * a record.
 */
public final class ContentRule {

    /** Only parses: escaping and missing values do not change whether a template is valid. */
    private static final Mustache.Compiler TEMPLATES = Mustache.compiler();

    private ContentRule() {
    }

    /**
     * Adds to {@code problems} each invalid part of one channel's content, under {@code prefix} + the part's name
     * (e.g. {@code content.EMAIL.text}).
     */
    public static void check(Map<String, RequestRule.Problem> problems, String prefix, Channel channel,
                             Submission.Part part) {
        template(problems, prefix + "subject", part.subject(), RequestRule.MAX_SUBJECT);
        template(problems, prefix + "text", part.text(),
                channel == Channel.SMS ? RequestRule.MAX_SMS_TEXT : RequestRule.MAX_TEXT);
        template(problems, prefix + "html", part.html(), RequestRule.MAX_HTML);
        if (channel == Channel.EMAIL && part.present() && !Submission.notBlank(part.subject())) {
            RequestRule.add(problems, prefix + "subject", "an email needs a subject", Reason.INVALID_REQUEST);
        }
    }

    /**
     * The names a valid template looks up: {@code {{name}}}, {@code {{{name}}}}, {@code {{&name}}} and the
     * sections {@code {{#name}}}/{@code {{^name}}}; of a dotted name, its first part. Comments and
     * {@code {{.}}} name nothing.
     */
    public static Set<String> names(String template) {
        Set<String> names = new LinkedHashSet<>();
        if (template == null) {
            return names;
        }
        int from = 0;
        int open;
        while ((open = template.indexOf("{{", from)) >= 0) {
            int close = template.indexOf("}}", open + 2);
            if (close < 0) {
                break;
            }
            String tag = template.substring(open + 2, close);
            from = close + 2;
            if (tag.startsWith("!") || tag.startsWith("/")) {
                continue;
            }
            String name = tag.replaceFirst("^[{#^&]", "").strip();
            String first = name.split("\\.", -1)[0];
            if (!first.isEmpty() && !name.equals(".") && !name.equals("this")) {
                names.add(first);
            }
        }
        return names;
    }

    private static void template(Map<String, RequestRule.Problem> problems, String field, String template, int max) {
        if (template == null) {
            return;
        }
        if (template.length() > max) {
            RequestRule.add(problems, field, "must be at most " + max + " characters", Reason.INVALID_REQUEST);
            return;
        }
        Optional<String> problem = tagProblem(template);
        if (problem.isEmpty()) {
            try {
                TEMPLATES.compile(template);
            } catch (RuntimeException | StackOverflowError e) {
                // MustacheException mostly; the parser also throws index errors on some inputs (e.g. "{{ }}").
                problem = Optional.of(e instanceof MustacheException ? e.getMessage() : "the parser cannot read it");
            }
        }
        problem.ifPresent(p -> RequestRule.add(problems, field, "is not a valid template: " + p, Reason.INVALID_TEMPLATE));
    }

    /**
     * What the Mustache parser lets through but no author means: a tag opened and never closed (the parser
     * keeps {@code {{name} as text, so the customer would read it), a tag without a name ({@code {{#}}}), a
     * partial (there is nothing to include, so it fails only when rendered), and a change of delimiters (which
     * would hide all of these from this check).
     */
    static Optional<String> tagProblem(String template) {
        int from = 0;
        while (true) {
            int open = template.indexOf("{{", from);
            if (open < 0) {
                return Optional.empty();
            }
            int close = template.indexOf("}}", open + 2);
            int nextOpen = template.indexOf("{{", open + 2);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close && !template.startsWith("{{{", open))) {
                return Optional.of("a tag opened at character " + (open + 1) + " is never closed");
            }
            String tag = template.substring(open + 2, close);
            if (tag.startsWith("=")) {
                return Optional.of("changing the delimiters is not supported (character " + (open + 1) + ")");
            }
            if (tag.startsWith(">")) {
                return Optional.of("partials are not supported (character " + (open + 1) + ")");
            }
            String name = tag.replaceFirst("^[{#^/&>]", "").replaceFirst("}$", "").strip();
            if (name.isEmpty() && !tag.startsWith("!")) {
                return Optional.of("the tag at character " + (open + 1) + " has no name");
            }
            from = close + 2;
        }
    }

}
