package dev.kairos.platform.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.platform.sms.SmsText.Alphabet;
import dev.kairos.platform.sms.SmsText.Concatenation;
import dev.kairos.platform.sms.SmsText.Encoded;
import dev.kairos.platform.sms.SmsText.Part;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    /** 300 characters of French, with characters outside the GSM alphabet (ê, ç, ô, â, œ). */
    static final String FRENCH_300 = ("Bonjour Camille, votre commande n°4521 est prête : retrait en magasin dès "
            + "demain 9 h, ou livraison à domicile jeudi. Pensez à vérifier l'adresse : 12 rue de la Forêt, "
            + "69003 Lyon. Une question ? Répondez à ce message ou appelez le 04 72 00 00 00. Merci de votre "
            + "confiance, à très bientôt ! Le service client, ça c'est sûr. Bon été !!!").substring(0, 300);

    @Test
    void aShortPlainTextIsOneGsmMessageWithoutHeader() {
        Encoded encoded = SmsText.encode("Hello @ home", 7);

        assertThat(encoded.alphabet()).isEqualTo(Alphabet.GSM7);
        assertThat(encoded.alphabet().dataCoding()).isEqualTo((byte) 0x00);
        assertThat(encoded.parts()).hasSize(1);
        assertThat(encoded.concatenated()).isFalse();
        // 3GPP TS 23.038: '@' is 0x00, 'H' 0x48, ' ' 0x20.
        assertThat(HexFormat.of().formatHex(encoded.parts().get(0))).startsWith("48656c6c6f200020");
    }

    @Test
    void extensionCharactersTakeTwoSeptets() {
        assertThat(SmsText.encode("5 €", 0).parts().get(0)).containsExactly(0x35, 0x20, 0x1B, 0x65);
        assertThat(SmsText.encode("[~]", 0).parts().get(0)).containsExactly(0x1B, 0x3C, 0x1B, 0x3D, 0x1B, 0x3E);
    }

    @Test
    void frenchAccentsOfTheGsmAlphabetStayGsm() {
        assertThat(SmsText.alphabetFor("éèàùÉ Ç")).isEqualTo(Alphabet.GSM7);
        assertThat(SmsText.alphabetFor("prête")).isEqualTo(Alphabet.UCS2);
        assertThat(SmsText.alphabetFor("ç")).isEqualTo(Alphabet.UCS2);
        assertThat(SmsText.alphabetFor("\u001B")).isEqualTo(Alphabet.UCS2);
    }

    @Test
    void oneHundredAndSixtySeptetsFitOneMessageAndOneMoreSplitsInto153PartsWithHeaders() {
        assertThat(SmsText.encode("a".repeat(160), 1).parts()).hasSize(1);

        Encoded encoded = SmsText.encode("a".repeat(161), 0x2A);

        assertThat(encoded.parts()).hasSize(2);
        assertThat(encoded.concatenated()).isTrue();
        assertThat(encoded.parts().get(0)).startsWith(0x05, 0x00, 0x03, 0x2A, 0x02, 0x01).hasSize(6 + 153);
        assertThat(encoded.parts().get(1)).startsWith(0x05, 0x00, 0x03, 0x2A, 0x02, 0x02).hasSize(6 + 8);
    }

    @Test
    void anExtensionCharacterIsNeverSplitAcrossParts() {
        String text = "a".repeat(152) + "€" + "b".repeat(10);

        Encoded encoded = SmsText.encode(text, 0);

        assertThat(encoded.parts().get(0)).hasSize(6 + 152);
        assertThat(encoded.parts().get(1)).startsWith(0x05, 0x00, 0x03, 0x00, 0x02, 0x02, 0x1B, 0x65);
        assertThat(reassemble(encoded)).isEqualTo(text);
    }

    @Test
    void seventyUcs2CharactersFitOneMessageAndMoreSplitInto67() {
        assertThat(SmsText.encode("ê".repeat(70), 0).parts()).singleElement()
                .satisfies(p -> assertThat(p).hasSize(140));

        Encoded encoded = SmsText.encode("ê".repeat(71), 0);

        assertThat(encoded.alphabet()).isEqualTo(Alphabet.UCS2);
        assertThat(encoded.parts()).hasSize(2);
        assertThat(encoded.parts().get(0)).hasSize(6 + 134);
    }

    @Test
    void aSurrogatePairIsNeverSplitAcrossParts() {
        String text = "x".repeat(66) + "😀" + "y".repeat(10);

        Encoded encoded = SmsText.encode(text, 0);

        assertThat(encoded.parts().get(0)).hasSize(6 + 66 * 2);
        assertThat(reassemble(encoded)).isEqualTo(text);
    }

    @Test
    void aThreeHundredCharacterFrenchTextGoesAsFiveUcs2PartsAndComesBackWhole() {
        assertThat(FRENCH_300).hasSize(300);

        Encoded encoded = SmsText.encode(FRENCH_300, 300);

        assertThat(encoded.alphabet()).isEqualTo(Alphabet.UCS2);
        assertThat(encoded.parts()).hasSize(5).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(140));
        assertThat(SmsText.decode(0x08, encoded.parts().get(4), true).concatenation())
                .isEqualTo(new Concatenation(300 & 0xFF, 5, 5));
        assertThat(reassemble(encoded)).isEqualTo(FRENCH_300);
    }

    @Test
    void moreThan255PartsIsRefused() {
        assertThatThrownBy(() -> SmsText.encode("a".repeat(153 * 255 + 1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void receivedTextsAreReadInTheirDataCoding() {
        assertThat(SmsText.decode(0x00, new byte[] {0x53, 0x74, 0x6F, 0x70}, false)).isEqualTo(new Part("Stop", null));
        assertThat(SmsText.decode(0x08, "ARRÊT".getBytes(StandardCharsets.UTF_16BE), false).text()).isEqualTo("ARRÊT");
        assertThat(SmsText.decode(0x03, "Arrêt".getBytes(StandardCharsets.ISO_8859_1), false).text()).isEqualTo("Arrêt");
        assertThat(SmsText.decode(0x01, "HELP".getBytes(StandardCharsets.US_ASCII), false).text()).isEqualTo("HELP");
        assertThat(SmsText.decode(0x18, "ça".getBytes(StandardCharsets.UTF_16BE), false).text()).isEqualTo("ça");
        assertThat(SmsText.decode(0xF0, new byte[] {0x1B, 0x65}, false).text()).isEqualTo("€");
    }

    @Test
    void aSixteenBitReferenceHeaderIsReadToo() {
        byte[] part = {0x06, 0x08, 0x04, 0x01, 0x02, 0x03, 0x01, 0x41};

        assertThat(SmsText.decode(0x00, part, true)).isEqualTo(new Part("A", new Concatenation(0x0102, 3, 1)));
    }

    private static String reassemble(Encoded encoded) {
        return encoded.parts().stream()
                .map(p -> SmsText.decode(encoded.alphabet().dataCoding(), p, encoded.concatenated()).text())
                .collect(Collectors.joining());
    }
}
