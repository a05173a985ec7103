package dev.kairos.dispatch.channels.messaging;

import dev.kairos.dispatch.channels.Outgoing;
import dev.kairos.dispatch.decision.Channel;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.SendApproved;
import java.util.List;

/** Send-queue records to the senders' own types. */
final class Translation {

    private Translation() {
    }

    static Outgoing outgoing(SendApproved s) {
        PostalAddress p = s.getPostalAddress();
        return new Outgoing(s.getRequestId(), s.getCustomerId(), s.getTopic(), s.getCategory() == TopicCategory.MARKETING,
                Channel.valueOf(s.getChannel().name()), s.getAddress(),
                p == null ? null : new Outgoing.Postal(p.getRecipient(), List.copyOf(p.getLines()), p.getPostalCode(),
                        p.getCity(), p.getCountry()),
                s.getLocale(), s.getSubject(), s.getText(), s.getHtml(), s.getUnsubscribeUrl(), s.getJurisdiction(),
                s.getCampaignId(), s.getConsentEntryId(),
                s.getDecidedAt(), s.getExpiresAt());
    }
}
