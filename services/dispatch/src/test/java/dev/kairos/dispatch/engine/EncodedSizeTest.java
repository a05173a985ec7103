package dev.kairos.dispatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.Addressee;
import dev.kairos.proto.dispatch.DigestItem;
import dev.kairos.proto.dispatch.Personalisation;
import dev.kairos.proto.dispatch.SendApproved;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedSizeTest {

    @Test
    void theBoundIsNeverBelowTheEncodedSize() {
        Random random = new Random(45);
        // Accents (2 bytes in UTF-8), the euro sign (3), an emoji (a surrogate pair: 4 bytes for 2 chars), ASCII.
        String[] alphabet = {"a", "é", "€", "\uD83D\uDE00", " ", "\n"};
        for (int n = 0; n < 200; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(5_000); i > 0; i--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            SendApproved send = send(text.toString(), n % 2 == 0);
            assertThat(EncodedSize.atMost(send)).as("send %d", n)
                    .isGreaterThanOrEqualTo(EngineSerdes.SENDS.encode(send).length);
        }
    }

    @Test
    void theBoundIsCloseEnoughToSpareTheEncodingOfOrdinaryMessages() {
        SendApproved send = send("Bonjour, découvrez nos offres de décembre.", true);
        assertThat(EncodedSize.atMost(send)).isLessThan(4 * EngineSerdes.SENDS.encode(send).length);
    }

    private static SendApproved send(String text, boolean postal) {
        return SendApproved.newBuilder().setRequestId("r-1").setCustomerId("c-1").setTopic("offers")
                .setCategory(TopicCategory.MARKETING).setChannel(postal ? Channel.MAIL : Channel.EMAIL)
                .setAddress(postal ? "Camille Martin, 1 rue de la Paix, 75002 Paris, FR" : "camille@example.fr")
                .setPostalAddress(postal ? PostalAddress.newBuilder().setRecipient("Camille Martin")
                        .setLines(List.of("1 rue de la Paix", "Bâtiment B")).setPostalCode("75002").setCity("Paris")
                        .setCountry("FR").build() : null)
                .setLocale("fr-FR").setSubject("Offres « " + text.substring(0, Math.min(20, text.length())) + " »")
                .setText(text).setHtml("<p>" + text + "</p>").setUnsubscribeUrl("https://example.fr/u?t=abc")
                .setDecidedAt(Instant.now())
                .setPersonalisation(Personalisation.newBuilder().setVariables(Map.of("offer", text))
                        .setAddressee(Addressee.newBuilder().setTitle("MX").setFamilyName("Martin").build())
                        .setDigestTopicName(postal ? "Offres" : null)
                        .setDigestItems(postal ? List.of(DigestItem.newBuilder().setRequestId("r-0").setText(text)
                                .setVariables(Map.of("n", "1")).build()) : List.of()).build())
                .build();
    }
}
