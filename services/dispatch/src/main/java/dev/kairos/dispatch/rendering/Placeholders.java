package dev.kairos.dispatch.rendering;

import com.samskivert.mustache.Mustache;
import java.util.Map;

/** Fills {@code {{placeholders}}} in a message part; HTML parts get their values escaped. */
public final class Placeholders {

    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("");

    private Placeholders() {
    }

    public static String fill(String template, Map<String, String> values, boolean html) {
        if (template == null) {
            return null;
        }
        return (html ? HTML : TEXT).compile(template).execute(values);
    }
}
