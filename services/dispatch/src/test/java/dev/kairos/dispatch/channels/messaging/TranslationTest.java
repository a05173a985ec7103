package dev.kairos.dispatch.channels.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.rendering.MessageLinks;
import dev.kairos.dispatch.rendering.MessageRenderer;
import dev.kairos.platform.links.LinkKey;
import dev.kairos.platform.links.SignedLinks;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.Addressee;
import dev.kairos.proto.dispatch.Personalisation;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslationTest {

    private static final Instant DECIDED = Instant.parse("2026-11-23T10:00:00Z");
    private static final MessageRenderer RENDERER = new MessageRenderer(new MessageLinks(new SignedLinks(
            "https://prefs.example", List.of(new LinkKey("d1", "dispatch", new byte[32])), "d1", Clock.systemUTC())));

    @Test
    void aSendIsRenderedAtTheChannelEndFromItsTemplatesVariablesAndAddressee() {
        SendApproved send = send().setText("{{salutation}}, votre code {{code}}")
                .setPersonalisation(Personalisation.newBuilder().setVariables(Map.of("code", "X-42"))
                        .setAddressee(Addressee.newBuilder().setTitle("MR").setFamilyName("Smith").build()).build())
                .build();

        Outgoing outgoing = Translation.outgoing(KairosSerdes.sendApproved().decode(
                KairosSerdes.sendApproved().encode(send)), RENDERER);

        assertThat(outgoing.text()).isEqualTo("Bonjour Monsieur Smith, votre code X-42");
        assertThat(outgoing.unsubscribeUrl()).startsWith("https://prefs.example/u/");
        assertThat(outgoing.marketing()).isTrue();
    }

    @Test
    void aTitleThisReleaseDoesNotKnowGreetsByNameAsNoTitleDoes() {
        SendApproved send = send().setText("{{salutation}}")
                .setPersonalisation(Personalisation.newBuilder()
                        .setAddressee(Addressee.newBuilder().setTitle("PROF").setGivenName("Ada").setFamilyName("Lovelace")
                                .build()).build())
                .build();

        assertThat(Translation.outgoing(send, RENDERER).text()).isEqualTo("Bonjour Ada Lovelace");
    }

    @Test
    void aSendWrittenBeforeRenderingMovedIsSentAsItIsNeverFilledTwice() {
        // SendApproved v2: the engine had rendered it, a value with braces included, and signed its link.
        SendApproved send = send().setText("Bonjour {{pas un modèle}}").setUnsubscribeUrl("https://prefs.example/u/old")
                .build();

        Outgoing outgoing = Translation.outgoing(send, RENDERER);

        assertThat(outgoing.text()).isEqualTo("Bonjour {{pas un modèle}}");
        assertThat(outgoing.unsubscribeUrl()).isEqualTo("https://prefs.example/u/old");
    }

    private static SendApproved.Builder send() {
        return SendApproved.newBuilder().setRequestId("r-1").setCustomerId("c-1").setTopic("promotions")
                .setCategory(TopicCategory.MARKETING).setChannel(Channel.SMS).setAddress("+33612345678")
                .setLocale("fr-FR").setDecidedAt(DECIDED);
    }
}
