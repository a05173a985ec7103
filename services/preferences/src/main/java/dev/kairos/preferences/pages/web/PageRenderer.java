package dev.kairos.preferences.pages.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Renders the pages from Mustache templates ({@code templates/pages/*.mustache}) with the texts of the
 * page's language ({@code i18n/pages*.properties}). Mustache escapes every value, so text a customer typed
 * cannot become markup.
 */
@Component
class PageRenderer {

    static final Locale ENGLISH = Locale.ENGLISH;
    static final Locale FRENCH = Locale.FRENCH;

    private final Mustache.Compiler compiler = Mustache.compiler()
            .defaultValue("")
            .withLoader(name -> reader("templates/pages/" + name + ".mustache"));
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** French for French-speaking customers, English for everyone else. */
    static Locale language(String languageTag) {
        return languageTag != null && Locale.forLanguageTag(languageTag).getLanguage().equals("fr") ? FRENCH : ENGLISH;
    }

    static Texts texts(Locale language) {
        return new Texts(ResourceBundle.getBundle("i18n/pages", language, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES)), language);
    }

    String render(String template, Locale language, Map<String, Object> model) {
        Map<String, Object> context = new HashMap<>(model);
        context.put("lang", language.getLanguage());
        context.put("t", texts(language).all());
        return templates.computeIfAbsent(template, name -> compiler.compile(reader("templates/pages/" + name + ".mustache")))
                .execute(context);
    }

    private static Reader reader(String path) {
        InputStream in = PageRenderer.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new UncheckedIOException(new IOException("No template " + path));
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /** The texts of one language; {@link #format} fills placeholders such as {0}. */
    static final class Texts {

        private final ResourceBundle bundle;
        private final Locale language;

        private Texts(ResourceBundle bundle, Locale language) {
            this.bundle = bundle;
            this.language = language;
        }

        String get(String key) {
            return bundle.getString(key);
        }

        String format(String key, Object... arguments) {
            return new MessageFormat(bundle.getString(key), language).format(arguments);
        }

        Map<String, String> all() {
            Map<String, String> all = new HashMap<>();
            for (String key : bundle.keySet()) {
                all.put(key, bundle.getString(key));
            }
            return all;
        }
    }
}
