package dev.kairos.dispatch.rendering;

import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.decision.ContentRule;
import dev.kairos.dispatch.decision.Reason;
import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.dispatch.decision.Submission;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a template must be to be stored: each part checked as a request's content is ({@link ContentRule}: a valid
 * template, within its channel's limits, an email with a subject), every name it looks up a standard placeholder or
 * one of its declared variables, its default locale one of its own, and the whole small enough for one record.
 * Problems name the field as the JSON body has it, e.g. {@code locales.fr.EMAIL.subject}.
 */
public final class TemplateRule {

    public static final int MAX_LOCALES = 50;
    /** All parts together, so that the template fits in one record of its topic (1 MiB) with room to spare. */
    public static final int MAX_TOTAL_CHARACTERS = 800_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1," + RequestRule.MAX_ID + "}");
    /** A BCP 47 tag as people write them: a language, then subtags (fr, fr-CA, zh-Hant-TW). */
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (RequestRule.MAX_VARIABLE_NAME - 1) + "}");

    private TemplateRule() {
    }

    /** Each invalid field once; empty when the template may be stored. */
    public static List<RequestRule.Problem> problems(Template t) {
        Map<String, RequestRule.Problem> problems = new LinkedHashMap<>();
        if (t.templateId() == null || !ID.matcher(t.templateId()).matches()) {
            add(problems, "templateId", "must be 1-" + RequestRule.MAX_ID + " letters, digits, '.', '_', ':' or '-'",
                    Reason.INVALID_REQUEST);
        }
        Map<String, Map<String, Submission.Part>> locales = t.locales() == null ? Map.of() : t.locales();
        if (locales.isEmpty() || locales.size() > MAX_LOCALES) {
            add(problems, "locales", "must hold 1-" + MAX_LOCALES + " locales", Reason.INVALID_REQUEST);
        }
        if (t.defaultLocale() == null || !locales.containsKey(t.defaultLocale())) {
            add(problems, "defaultLocale", "must be one of the template's locales", Reason.INVALID_REQUEST);
        }
        Set<String> variables = variables(problems, t.variables() == null ? List.of() : t.variables());
        long total = 0;
        for (Map.Entry<String, Map<String, Submission.Part>> locale : new TreeMap<>(locales).entrySet()) {
            total += locale(problems, locale.getKey(), locale.getValue(), variables);
        }
        if (total > MAX_TOTAL_CHARACTERS) {
            add(problems, "locales", "all parts together must be at most " + MAX_TOTAL_CHARACTERS + " characters",
                    Reason.INVALID_REQUEST);
        }
        return List.copyOf(problems.values());
    }

    private static Set<String> variables(Map<String, RequestRule.Problem> problems, List<String> declared) {
        if (declared.size() > RequestRule.MAX_VARIABLES) {
            add(problems, "variables", "at most " + RequestRule.MAX_VARIABLES + " variables", Reason.INVALID_REQUEST);
        }
        for (String name : declared) {
            if (name == null || !VARIABLE.matcher(name).matches() || Placeholders.STANDARD.contains(name)) {
                add(problems, "variables", "names must be 1-" + RequestRule.MAX_VARIABLE_NAME
                        + " letters, digits or '_', starting with a letter, and none of the standard placeholders "
                        + new TreeSet<>(Placeholders.STANDARD), Reason.INVALID_REQUEST);
                break;
            }
        }
        return new HashSet<>(declared);
    }

    /** Checks one locale's content; answers how many characters its parts hold. */
    private static long locale(Map<String, RequestRule.Problem> problems, String locale,
                               Map<String, Submission.Part> content, Set<String> variables) {
        String prefix = "locales." + locale;
        if (!LOCALE.matcher(locale).matches()) {
            add(problems, "locales", "keys must be BCP 47 language tags such as fr or fr-CA", Reason.INVALID_REQUEST);
            return 0;
        }
        if (content == null || content.values().stream().noneMatch(p -> p != null && p.present())) {
            add(problems, prefix, "must carry a text or html part for at least one channel", Reason.INVALID_REQUEST);
            return 0;
        }
        long characters = 0;
        for (Map.Entry<String, Submission.Part> entry : new TreeMap<>(content).entrySet()) {
            Channel channel;
            try {
                channel = Channel.valueOf(entry.getKey());
            } catch (IllegalArgumentException notAChannel) {
                add(problems, prefix, "keys must be EMAIL, SMS or MAIL", Reason.INVALID_REQUEST);
                continue;
            }
            Submission.Part part = entry.getValue();
            if (part == null) {
                continue;
            }
            String partPrefix = prefix + "." + channel.name() + ".";
            ContentRule.check(problems, partPrefix, channel, part);
            characters += unknownNames(problems, partPrefix + "subject", part.subject(), variables)
                    + unknownNames(problems, partPrefix + "text", part.text(), variables)
                    + unknownNames(problems, partPrefix + "html", part.html(), variables);
        }
        return characters;
    }

    /** Refuses a name that nothing fills (it would render empty); answers the part's length. */
    private static long unknownNames(Map<String, RequestRule.Problem> problems, String field, String part,
                                     Set<String> variables) {
        if (part == null) {
            return 0;
        }
        if (!problems.containsKey(field)) {
            for (String name : ContentRule.names(part)) {
                if (!Placeholders.STANDARD.contains(name) && !variables.contains(name)) {
                    add(problems, field, "uses {{" + name + "}}, which is neither a standard placeholder "
                            + new TreeSet<>(Placeholders.STANDARD) + " nor one of the template's variables",
                            Reason.INVALID_TEMPLATE);
                    break;
                }
            }
        }
        return part.length();
    }

    private static void add(Map<String, RequestRule.Problem> problems, String field, String message, Reason reason) {
        problems.putIfAbsent(field, new RequestRule.Problem(field, message, reason));
    }
}
