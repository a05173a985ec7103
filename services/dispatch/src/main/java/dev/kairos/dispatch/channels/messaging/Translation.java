package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.dispatch.rendering.FormOfAddress;
import dev.kairos.dispatch.rendering.MessageRenderer;
import dev.kairos.dispatch.rendering.Unrendered;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.Addressee;
import dev.kairos.proto.dispatch.Personalisation;
import dev.kairos.proto.dispatch.SendApproved;
import java.util.List;
import java.util.Map;

/** Send-queue records to the senders' own types, rendered on the way. */
public final class Translation {

    private Translation() {
    }

    /**
     * The message a provider gets: rendered here when the record carries its personalisation (every send written
     * since {@code SendApproved} v3), else as the record has it (rendered by the engine of an earlier release).
     *
     * @throws MessageRenderer.RenderingException when it cannot be rendered
     */
    public static Outgoing outgoing(SendApproved s, MessageRenderer renderer) {
        boolean marketing = s.getCategory() == TopicCategory.MARKETING;
        Channel channel = Channel.valueOf(s.getChannel().name());
        MessageRenderer.Rendered rendered = s.getPersonalisation() == null
                ? new MessageRenderer.Rendered(s.getSubject(), s.getText(), s.getHtml(), s.getUnsubscribeUrl())
                : renderer.render(unrendered(s, channel, marketing));
        PostalAddress p = s.getPostalAddress();
        return new Outgoing(s.getRequestId(), s.getCustomerId(), s.getTopic(), marketing, channel, s.getAddress(),
                p == null ? null : new Outgoing.Postal(p.getRecipient(), List.copyOf(p.getLines()), p.getPostalCode(),
                        p.getCity(), p.getCountry()),
                s.getLocale(), rendered.subject(), rendered.text(), rendered.html(), rendered.unsubscribeUrl(),
                s.getJurisdiction(), s.getCampaignId(), s.getConsentEntryId(), s.getDecidedAt(), s.getExpiresAt());
    }

    private static Unrendered unrendered(SendApproved s, Channel channel, boolean marketing) {
        Personalisation p = s.getPersonalisation();
        Unrendered.Digest digest = p.getDigestItems().isEmpty() ? null : new Unrendered.Digest(
                p.getDigestTopicName() == null ? s.getTopic() : p.getDigestTopicName(),
                p.getDigestItems().stream().map(item -> new Unrendered.Digest.Item(
                        new Unrendered.Part(item.getSubject(), item.getText(), item.getHtml()),
                        Map.copyOf(item.getVariables()))).toList());
        return new Unrendered(s.getCustomerId(), s.getTopic(), channel, marketing, s.getLocale(), s.getDecidedAt(),
                new Unrendered.Part(s.getSubject(), s.getText(), s.getHtml()), Map.copyOf(p.getVariables()),
                addressee(p.getAddressee()), digest);
    }

    /** A title this release does not know greets by name, as no title does. */
    private static FormOfAddress addressee(Addressee a) {
        FormOfAddress.Title title;
        try {
            title = FormOfAddress.Title.valueOf(a.getTitle());
        } catch (IllegalArgumentException e) {
            title = FormOfAddress.Title.NONE;
        }
        return new FormOfAddress(title, a.getGivenName(), a.getFamilyName());
    }
}
