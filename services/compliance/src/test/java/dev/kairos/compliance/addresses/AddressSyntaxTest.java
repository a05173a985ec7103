package dev.kairos.compliance.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"ada@example.com", "Ada.Lovelace+news@mail.example.co.uk", " ada@example.com ",
            "o'hara@example.ie"})
    void acceptsEmailAddresses(String address) {
        assertThat(AddressSyntax.problem(Channel.EMAIL, address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "ada", "ada@", "@example.com", "ada@example", "ada@@example.com",
            "ada lovelace@example.com", "ada@exa mple.com", ".ada@example.com", "ada.@example.com",
            "ada..lovelace@example.com", "ada@-example.com", "+33612345678"})
    void refusesWhatIsNotAnEmailAddress(String address) {
        assertThat(AddressSyntax.problem(Channel.EMAIL, address)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+33612345678", "+14155552671", "+1234567", "+123456789012345", " +33612345678 "})
    void acceptsPhoneNumbersInE164Form(String address) {
        assertThat(AddressSyntax.problem(Channel.SMS, address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0612345678", "33612345678", "+0612345678", "+33 6 12 34 56 78", "+33-612345678",
            "+123456", "+1234567890123456", "ada@example.com"})
    void refusesWhatIsNotAnE164PhoneNumber(String address) {
        assertThat(AddressSyntax.problem(Channel.SMS, address)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada Lovelace, 12 St James's Square, London SW1Y 4JH", "1 rue de Rivoli 75001 Paris"})
    void acceptsAnyPostalAddress(String address) {
        assertThat(AddressSyntax.problem(Channel.MAIL, address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesABlankPostalAddress(String address) {
        assertThat(AddressSyntax.problem(Channel.MAIL, address)).isPresent();
    }
}
