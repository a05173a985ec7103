package dev.kairos.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loops must judge every text as the expressions of Spring Security's StrictHttpFirewall do. */
class HeaderFirewallTest {

    private static final Predicate<String> SPRING_NAMES =
            Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").asMatchPredicate();
    private static final Predicate<String> SPRING_VALUES =
            Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*").asMatchPredicate();

    @Test
    void judgesEveryCodePointAsSpringSecurityDoes() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = "a" + new String(Character.toChars(codePoint)) + "b";
            assertThat(HeaderFirewall.allowedName(text)).as("name U+%04X", codePoint).isEqualTo(SPRING_NAMES.test(text));
            assertThat(HeaderFirewall.allowedValue(text)).as("value U+%04X", codePoint).isEqualTo(SPRING_VALUES.test(text));
        }
    }

    @Test
    void judgesMixedTextsLoneSurrogatesAndTabsAsSpringSecurityDoes() {
        Random random = new Random(20261129);
        int[] pool = {'a', ' ', '\t', '\n', 0x7F, 0x85, 0xA0, 0xE9, 0x378, 0xD800, 0xDC00, 0x1F600, 0x10FFFF, 0xFFFF};
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(8); length > 0; length--) {
                int codePoint = pool[random.nextInt(pool.length)];
                if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                    text.append((char) codePoint); // a lone surrogate, as a broken client may send
                } else {
                    text.appendCodePoint(codePoint);
                }
            }
            String value = text.toString();
            assertThat(HeaderFirewall.allowedName(value)).as("name %s", value.chars().boxed().toList())
                    .isEqualTo(SPRING_NAMES.test(value));
            assertThat(HeaderFirewall.allowedValue(value)).as("value %s", value.chars().boxed().toList())
                    .isEqualTo(SPRING_VALUES.test(value));
        }
        assertThat(HeaderFirewall.allowedValue("Bearer a\tb")).isTrue();
        assertThat(HeaderFirewall.allowedName("X-Name\t")).isFalse();
        assertThat(HeaderFirewall.allowedValue("caf\u00e9 \u0085")).isFalse();
    }
}
