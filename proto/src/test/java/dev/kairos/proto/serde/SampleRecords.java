package dev.kairos.proto.serde;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.kairos.proto.common.Channel;
import dev.kairos.proto.common.Period;
import dev.kairos.proto.common.PostalAddress;
import dev.kairos.proto.common.TopicCategory;
import dev.kairos.proto.compliance.ChannelConsent;
import dev.kairos.proto.compliance.ConsentLedgerEntry;
import dev.kairos.proto.compliance.ConsentState;
import dev.kairos.proto.compliance.ConsentStatus;
import dev.kairos.proto.compliance.CustomerErased;
import dev.kairos.proto.compliance.LedgerCheckpoint;
import dev.kairos.proto.compliance.LedgerEntryType;
import dev.kairos.proto.compliance.LegalBasis;
import dev.kairos.proto.compliance.Suppression;
import dev.kairos.proto.compliance.SuppressionReason;
import dev.kairos.proto.dispatch.ChannelSignal;
import dev.kairos.proto.dispatch.Delivery;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageOutcome;
import dev.kairos.proto.dispatch.MessageScheduled;
import dev.kairos.proto.dispatch.SendApproved;
import dev.kairos.proto.dispatch.SendMessage;
import dev.kairos.proto.dispatch.StopKeywordReceived;
import dev.kairos.proto.dispatch.WhenCapped;
import dev.kairos.proto.preferences.ConsentAction;
import dev.kairos.proto.preferences.ConsentSubmitted;
import dev.kairos.proto.preferences.ContactPoints;
import dev.kairos.proto.preferences.ContactPreferences;
import dev.kairos.proto.preferences.Digest;
import dev.kairos.proto.preferences.Evidence;
import dev.kairos.proto.preferences.FormOfAddress;
import dev.kairos.proto.preferences.FrequencyCap;
import dev.kairos.proto.preferences.QuietHours;
import dev.kairos.proto.preferences.SendWindow;
import dev.kairos.proto.preferences.Title;
import dev.kairos.proto.preferences.TopicCatalogueEntry;
import dev.kairos.proto.preferences.TopicPreference;

/** One realistic, fully populated value per topic value record, optional fields included. */
final class SampleRecords {

    // Avro keeps timestamps to the millisecond; a finer instant would not survive a round trip.
    static final Instant NOW = Instant.parse("2025-03-30T01:30:00.123Z");

    private SampleRecords() {
    }

    static TopicCatalogueEntry topicCatalogueEntry() {
        return TopicCatalogueEntry.newBuilder()
                .setEventId("evt-topic-1")
                .setTopicId("newsletter")
                .setName("Monthly newsletter")
                .setCategory(TopicCategory.MARKETING)
                .setPurpose("newsletter")
                .setUrgent(false)
                .setDefaultChannels(List.of(Channel.EMAIL))
                .setUpdatedAt(NOW)
                .build();
    }

    static ContactPreferences contactPreferences() {
        return ContactPreferences.newBuilder()
                .setEventId("evt-prefs-1")
                .setCustomerId("cust-42")
                .setVersion(7)
                .setUpdatedAt(NOW)
                .setLocale("fr-FR")
                .setTimeZone("Europe/Paris")
                .setJurisdiction("FR")
                .setFormOfAddress(FormOfAddress.newBuilder()
                        .setTitle(Title.MS).setGivenName("Amélie").setFamilyName("Poulain").build())
                .setContactPoints(ContactPoints.newBuilder()
                        .setEmail("amelie@example.fr")
                        .setSms("+33612345678")
                        .setPostal(postalAddress())
                        .build())
                .setChannelPriority(List.of(Channel.SMS, Channel.EMAIL))
                .setQuietHours(List.of(QuietHours.newBuilder()
                        .setFrom("22:00").setTo("07:30").setChannels(List.of(Channel.SMS)).build()))
                .setSendWindows(List.of(SendWindow.newBuilder()
                        .setDays(List.of("SATURDAY", "SUNDAY")).setFrom("10:00").setTo("18:00").build()))
                .setTopics(Map.of("newsletter", TopicPreference.newBuilder()
                        .setChannels(List.of(Channel.EMAIL))
                        .setFrequency(FrequencyCap.newBuilder().setMax(2).setPer(Period.WEEK).build())
                        .setDigest(Digest.newBuilder().setEvery(Period.WEEK).setOn("MONDAY").setAt("08:00").build())
                        .build()))
                .setOverallCap(FrequencyCap.newBuilder().setMax(10).setPer(Period.MONTH).build())
                .setPausedUntil(NOW.plusSeconds(86_400))
                .build();
    }

    static ConsentSubmitted consentSubmitted() {
        return ConsentSubmitted.newBuilder()
                .setEventId("evt-sub-1")
                .setCustomerId("cust-42")
                .setAction(ConsentAction.GRANT)
                .setChannel(Channel.EMAIL)
                .setPurpose("newsletter")
                .setAddress("amelie@example.fr")
                .setTokenNonce(null)
                .setEvidence(Evidence.newBuilder()
                        .setSource("WEB_FORM")
                        .setCollectionPoint("preference-centre")
                        .setNoticeText("Send me the newsletter")
                        .setNoticeVersion("2025-01")
                        .setNoticeSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .setIpAddress("203.0.113.7")
                        .setUserAgent("Mozilla/5.0")
                        .setRawInput(null)
                        .setNoticeLanguage("fr")
                        .build())
                .setSubmittedAt(NOW)
                .build();
    }

    static ConsentLedgerEntry consentLedgerEntry() {
        return ConsentLedgerEntry.newBuilder()
                .setEventId("evt-ledger-1")
                .setEntryId("entry-1")
                .setSequence(1)
                .setCustomerId("cust-42")
                .setType(LedgerEntryType.GRANTED)
                .setChannel(Channel.EMAIL)
                .setPurpose("newsletter")
                .setBasis(LegalBasis.OPT_IN)
                .setJurisdiction("FR")
                .setSource("WEB_FORM")
                .setOccurredAt(NOW)
                .setExpiresAt(null)
                .setAddressCommitment("a1b2")
                .setEvidenceCommitment("c3d4")
                .setPreviousHash("0000")
                .setHash("e5f6")
                .build();
    }

    static LedgerCheckpoint ledgerCheckpoint() {
        return LedgerCheckpoint.newBuilder()
                .setEventId("evt-checkpoint-1")
                .setSequence(1000)
                .setHeadHash("e5f6")
                .setCheckpointedAt(NOW)
                .setSignature("c2lnbmF0dXJl")
                .build();
    }

    static ConsentState consentState() {
        return ConsentState.newBuilder()
                .setEventId("evt-state-1")
                .setCustomerId("cust-42")
                .setVersion(3)
                .setUpdatedAt(NOW)
                .setConsents(List.of(ChannelConsent.newBuilder()
                        .setChannel(Channel.SMS)
                        .setPurpose("offers")
                        .setStatus(ConsentStatus.ACTIVE)
                        .setBasis(LegalBasis.SOFT_OPT_IN)
                        .setAddressHmac("hmac-sms")
                        .setExpiresAt(NOW.plusSeconds(3_600))
                        .setEntryId("entry-9")
                        .build()))
                .build();
    }

    static Suppression suppression() {
        return Suppression.newBuilder()
                .setEventId("evt-supp-1")
                .setAddressHmac("hmac-email")
                .setChannel(Channel.EMAIL)
                .setReason(SuppressionReason.HARD_BOUNCE)
                .setSince(NOW)
                .build();
    }

    static CustomerErased customerErased() {
        return CustomerErased.newBuilder()
                .setEventId("evt-erased-1")
                .setCustomerId("cust-42")
                .setErasedAt(NOW)
                .setAddressHmacs(List.of("hmac-email", "hmac-sms"))
                .build();
    }

    static SendMessage sendMessage() {
        return SendMessage.newBuilder()
                .setRequestId("req-1")
                .setCustomerId("cust-42")
                .setTopic("newsletter")
                .setChannels(List.of(Channel.EMAIL, Channel.SMS))
                .setDelivery(Delivery.ALL)
                .setContent(Map.of("EMAIL", MessageContent.newBuilder()
                        .setSubject("Hello").setText("Hi there").setHtml("<p>Hi there</p>").build()))
                .setTemplateId("tpl-1")
                .setVariables(Map.of("firstName", "Amélie"))
                .setNotBefore(NOW)
                .setExpiresAt(NOW.plusSeconds(7_200))
                .setWhenCapped(WhenCapped.DEFER)
                .setCampaignId("spring-sale")
                .setRecipientAddress(null)
                .setReceivedAt(NOW)
                .build();
    }

    static MessageOutcome messageOutcome() {
        return MessageOutcome.newBuilder()
                .setEventId("evt-outcome-1")
                .setRequestId("req-1")
                .setCustomerId("cust-42")
                .setTopic("newsletter")
                .setCampaignId("spring-sale")
                .setOccurredAt(NOW)
                .setConsentEntryId("entry-1")
                .setOutcome(MessageScheduled.newBuilder()
                        .setScheduledFor(NOW.plusSeconds(21_600))
                        .setChannel(Channel.EMAIL)
                        .setReasons(List.of("QUIET_HOURS"))
                        .build())
                .build();
    }

    static ChannelSignal channelSignal() {
        return ChannelSignal.newBuilder()
                .setEventId("evt-signal-1")
                .setAddressHmac("hmac-sms")
                .setChannel(Channel.SMS)
                .setAddress("+33612345678")
                .setRawText("Stop")
                .setReceivedAt(NOW)
                .setSignal(StopKeywordReceived.newBuilder().setKeyword("STOP").build())
                .build();
    }

    static SendApproved sendApproved() {
        return SendApproved.newBuilder()
                .setRequestId("req-1")
                .setCustomerId("cust-42")
                .setTopic("newsletter")
                .setCategory(TopicCategory.MARKETING)
                .setChannel(Channel.MAIL)
                .setAddress("12 rue Lepic, 75018 Paris")
                .setPostalAddress(postalAddress())
                .setLocale("fr-FR")
                .setSubject("Hello")
                .setText("Hi there")
                .setHtml(null)
                .setUnsubscribeUrl("https://prefs.example.fr/u/abc")
                .setCampaignId("spring-sale")
                .setConsentEntryId("entry-1")
                .setDecidedAt(NOW)
                .build();
    }

    private static PostalAddress postalAddress() {
        return PostalAddress.newBuilder()
                .setRecipient("Amélie Poulain")
                .setLines(List.of("12 rue Lepic"))
                .setPostalCode("75018")
                .setCity("Paris")
                .setCountry("FR")
                .setRegion(null)
                .build();
    }
}
