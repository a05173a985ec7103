package dev.kairos.dispatch.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.rendering.FormOfAddress.Title;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalutationsTest {

    @Test
    void withoutTitleGreetsByNameInFrench() {
        assertThat(Salutations.of(new FormOfAddress(Title.NONE, "Camille", "Durand"), "fr-FR"))
                .isEqualTo("Bonjour Camille Durand");
    }

    @Test
    void titledFormsFollowTheLocale() {
        assertThat(Salutations.of(new FormOfAddress(Title.MRS, "Camille", "Durand"), "fr-FR"))
                .isEqualTo("Bonjour Madame Durand");
        assertThat(Salutations.of(new FormOfAddress(Title.MX, "Sam", "Lee"), "en-GB")).isEqualTo("Dear Mx Lee");
        assertThat(Salutations.of(new FormOfAddress(Title.DR, "Sam", "Lee"), "en")).isEqualTo("Dear Dr Lee");
    }

    @Test
    void aTitleWithoutFamilyNameFallsBackToTheName() {
        assertThat(Salutations.of(new FormOfAddress(Title.MR, "Sam", null), "en")).isEqualTo("Hello Sam");
        assertThat(Salutations.of(new FormOfAddress(Title.NONE, null, null), "fr")).isEqualTo("Bonjour");
    }

    @Test
    void placeholdersAreEscapedInHtmlOnly() {
        Map<String, String> values = Map.of("salutation", "Hello <Sam>");

        assertThat(Placeholders.fill("{{salutation}}, hi", values, false)).isEqualTo("Hello <Sam>, hi");
        assertThat(Placeholders.fill("<p>{{salutation}}</p>", values, true)).isEqualTo("<p>Hello &lt;Sam&gt;</p>");
        assertThat(Placeholders.fill("{{unknown}}!", values, false)).isEqualTo("!");
    }
}
