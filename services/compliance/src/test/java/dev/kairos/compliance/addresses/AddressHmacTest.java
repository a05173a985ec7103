package dev.kairos.compliance.addresses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.platform.addresses.AddressHmac;
import org.junit.jupiter.api.Test;

/**
 * Pins the address HMAC that compliance publishes and dispatch matches on, as README.md documents it:
 * lower-case hex HMAC-SHA256, keyed with the UTF-8 of {@code kairos.address-hmac-key}, over the UTF-8 of the
 * normalised address. The expected values were computed outside Java.
 */
class AddressHmacTest {

    private final AddressHmac hmac = new AddressHmac("kairos-local-address-key");

    @Test
    void anEmailAddressIsTrimmedAndLowerCasedBeforeItIsHashed() {
        assertThat(AddressHmac.normalise("  Ada.Lovelace@Example.COM ")).isEqualTo("ada.lovelace@example.com");
        assertThat(hmac.of("  Ada.Lovelace@Example.COM "))
                .isEqualTo("25939b5f8c791d5fcecd6072cfd45ff3afd4234165dcf02cf2dd8605e9dd4eb7");
    }

    @Test
    void aPhoneNumberIsHashedInItsE164Form() {
        assertThat(AddressHmac.normalise("+33612345678")).isEqualTo("+33612345678");
        assertThat(hmac.of("+33612345678"))
                .isEqualTo("805dc4926af741b22a300f3364776e1659ed7e458f5cb216a8c3fbafba5f6105");
    }

    @Test
    void anotherKeyGivesAnotherHash() {
        assertThat(new AddressHmac("another-key").of("+33612345678")).isNotEqualTo(hmac.of("+33612345678"));
    }
}
