package dev.kairos.preferences.pages.web;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.preferences.pages.web.PageRenderer.Texts;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The validation's problems in the page's language. Validation words its messages in English, as the API
 * gives them; the English page texts hold each of them under a {@code problem_} key (a MessageFormat
 * pattern where the message carries a value, such as a length), and the texts of the page's language hold
 * the same key. A message that has no key yet is shown as it is: the customer still sees what to fix.
 */
final class ProblemMessages {

    private static final String PREFIX = "problem_";

    private ProblemMessages() {
    }

    static List<FieldProblem> in(Locale language, List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return problems;
        }
        Map<String, String> english = PageRenderer.texts(PageRenderer.ENGLISH).all();
        Texts texts = PageRenderer.texts(language);
        List<FieldProblem> translated = new ArrayList<>();
        for (FieldProblem problem : problems) {
            translated.add(new FieldProblem(problem.field(), translate(problem.message(), english, texts)));
        }
        return translated;
    }

    private static String translate(String message, Map<String, String> english, Texts texts) {
        for (Map.Entry<String, String> entry : english.entrySet()) {
            if (!entry.getKey().startsWith(PREFIX)) {
                continue;
            }
            Object[] values = values(entry.getValue(), message);
            if (values != null) {
                return texts.format(entry.getKey(), values);
            }
        }
        return message;
    }

    /** The values of {@code message} when it is an instance of {@code pattern} as a whole; else null. */
    private static Object[] values(String pattern, String message) {
        if (!pattern.contains("{")) {
            return pattern.equals(message) ? new Object[0] : null;
        }
        ParsePosition position = new ParsePosition(0);
        Object[] values = new MessageFormat(pattern, Locale.ROOT).parse(message, position);
        return values != null && position.getIndex() == message.length() ? values : null;
    }
}
