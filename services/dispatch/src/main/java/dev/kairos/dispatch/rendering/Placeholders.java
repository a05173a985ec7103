package dev.kairos.dispatch.rendering;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.Map;
import java.util.Set;

/** Fills {@code {{placeholders}}} in a message part; HTML parts get their values escaped. */
public final class Placeholders {

    /** The placeholders every message may use besides the request's variables; the channel end fills each one ({@link MessageRenderer}). */
    public static final Set<String> STANDARD = Set.of("salutation", "givenName", "familyName", "preferencesUrl",
            "unsubscribeUrl");

    private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");
    private static final Mustache.Compiler HTML = Mustache.compiler().escapeHTML(true).defaultValue("");

    private Placeholders() {
    }

    /** @throws InvalidTemplateException when the part is not a valid template */
    public static String fill(String template, Map<String, String> values, boolean html) {
        if (template == null) {
            return null;
        }
        try {
            return (html ? HTML : TEXT).compile(template).execute(values);
        } catch (MustacheException e) {
            throw new InvalidTemplateException(e);
        }
    }

    /** A message part that does not compile: the request's fault, not the engine's. */
    public static final class InvalidTemplateException extends RuntimeException {
        InvalidTemplateException(MustacheException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
