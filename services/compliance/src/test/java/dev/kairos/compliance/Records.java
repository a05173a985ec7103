package dev.kairos.compliance;

import dev.kairos.platform.testing.ServiceTestProperties;
import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.ComplaintReceived;
import dev.kairos.proto.dispatch.HardBounced;
import dev.kairos.proto.dispatch.HelpKeywordReceived;
import dev.kairos.proto.dispatch.MailReturned;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.dispatch.UnsubscribeRequested;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Evidence;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.SubmittedBasis;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.serde.KairosSerdes;
import dev.kairos.platform.addresses.AddressHmac;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test data: the records other services publish, encoded as they encode them. */
final class Records {

    static final AddressHmac HMAC = new AddressHmac(ServiceTestProperties.ADDRESS_HMAC_KEY);

    private Records() {
    }

    static byte[] contactPreferences(String customerId, long version, String email, String sms, PostalAddress postal) {
        return contactPreferences(customerId, version, email, sms, postal, null);
    }

    static byte[] contactPreferences(String customerId, long version, String email, String sms, PostalAddress postal,
                                     String jurisdiction) {
        return KairosSerdes.contactPreferences().encode(ContactPreferences.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCustomerId(customerId)
                .setVersion(version)
                .setUpdatedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .setLocale("fr-FR")
                .setTimeZone("Europe/Paris")
                .setFormOfAddress(FormOfAddress.newBuilder().setGivenName("Camille").setFamilyName("Durand").build())
                .setContactPoints(ContactPoints.newBuilder().setEmail(email).setSms(sms).setPostal(postal).build())
                .setJurisdiction(jurisdiction)
                .build());
    }

    static PostalAddress postal(String street) {
        return PostalAddress.newBuilder().setRecipient("Camille Durand").setLines(List.of(street))
                .setPostalCode("75011").setCity("Paris").setCountry("FR").build();
    }

    /** The one line dispatch writes a postal address as. */
    static String postalLine(String street) {
        return "Camille Durand, " + street + ", 75011 Paris, FR";
    }

    static byte[] stop(String eventId, String phone, String text) {
        return signal(eventId, Channel.SMS, phone, text, new StopKeywordReceived(text));
    }

    static byte[] help(String eventId, String phone, String text) {
        return signal(eventId, Channel.SMS, phone, text, new HelpKeywordReceived(text));
    }

    static byte[] mailtoUnsubscribe(String email) {
        return signal(UUID.randomUUID().toString(), Channel.EMAIL, email, null, new UnsubscribeRequested(null));
    }

    static byte[] hardBounce(String email) {
        return signal(UUID.randomUUID().toString(), Channel.EMAIL, email, "550 5.1.1 user unknown",
                new HardBounced("smtp; 550 5.1.1"));
    }

    static byte[] complaint(String email) {
        return signal(UUID.randomUUID().toString(), Channel.EMAIL, email, null, new ComplaintReceived("abuse"));
    }

    static byte[] mailReturned(String postalLine) {
        return signal(UUID.randomUUID().toString(), Channel.MAIL, postalLine, null, new MailReturned("address unknown"));
    }

    private static byte[] signal(String eventId, Channel channel, String address, String text, Object signal) {
        return KairosSerdes.channelSignal().encode(ChannelSignal.newBuilder()
                .setEventId(eventId)
                .setAddressHmac(HMAC.of(address))
                .setChannel(channel)
                .setAddress(address)
                .setRawText(text)
                .setReceivedAt(Instant.parse("2026-11-24T08:30:00Z"))
                .setSignal(signal)
                .build());
    }

    static byte[] submission(String customerId, ConsentAction action, Channel channel, String address, String nonce) {
        return submission(customerId, action, channel, address, nonce, null);
    }

    /** A submission; {@code basis} null as preferences sends an opt-in. */
    static byte[] submission(String customerId, ConsentAction action, Channel channel, String address, String nonce,
                             SubmittedBasis basis) {
        return KairosSerdes.consentSubmitted().encode(ConsentSubmitted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCustomerId(customerId)
                .setAction(action)
                .setChannel(channel)
                .setPurpose("promotions")
                .setAddress(address)
                .setTokenNonce(nonce)
                .setEvidence(Evidence.newBuilder().setSource(action == ConsentAction.WITHDRAW ? "UNSUBSCRIBE_LINK" : "WEB_FORM")
                        .setCollectionPoint("preference-centre").setIpAddress("198.51.100.23")
                        .setUserAgent("Mozilla/5.0").build())
                .setSubmittedAt(Instant.parse("2026-11-24T09:00:00Z"))
                .setBasis(basis)
                .build());
    }

    /** A withdrawal on the unsubscribe page, with the notice it showed in its language, as preferences sends it. */
    static byte[] unsubscribed(String customerId, Channel channel, String noticeText, String noticeLanguage) {
        return KairosSerdes.consentSubmitted().encode(ConsentSubmitted.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setCustomerId(customerId)
                .setAction(ConsentAction.WITHDRAW)
                .setChannel(channel)
                .setPurpose("promotions")
                .setEvidence(Evidence.newBuilder().setSource("UNSUBSCRIBE_LINK").setCollectionPoint("unsubscribe-page")
                        .setNoticeText(noticeText).setNoticeLanguage(noticeLanguage).setIpAddress("198.51.100.23")
                        .setUserAgent("Mozilla/5.0").build())
                .setSubmittedAt(Instant.parse("2026-11-24T09:00:00Z"))
                .build());
    }

    /** A catalogue entry as preferences publishes it on preferences.topics.v1. */
    static byte[] catalogueEntry(String topicId, String purpose, TopicCategory category) {
        return KairosSerdes.topicCatalogueEntry().encode(TopicCatalogueEntry.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setTopicId(topicId)
                .setName(topicId)
                .setCategory(category)
                .setPurpose(purpose)
                .setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(Instant.parse("2026-11-20T10:00:00Z"))
                .build());
    }
}
