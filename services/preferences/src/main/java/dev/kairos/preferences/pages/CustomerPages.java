package dev.kairos.preferences.pages;

import dev.kairos.preferences.common.Channel;
import dev.kairos.preferences.consents.ConsentAction;
import dev.kairos.preferences.consents.ConsentSubmission;
import dev.kairos.preferences.consents.ConsentSubmissions;
import dev.kairos.preferences.consents.Evidence;
import dev.kairos.preferences.consents.LedgerConsent;
import dev.kairos.preferences.consents.LedgerConsents;
import dev.kairos.preferences.contacts.ContactChangeService;
import dev.kairos.preferences.customers.ChangeKind;
import dev.kairos.preferences.customers.CustomerPreferences;
import dev.kairos.preferences.customers.ExpectedVersion;
import dev.kairos.preferences.customers.PreferencesDocument;
import dev.kairos.preferences.customers.PreferencesForm;
import dev.kairos.preferences.customers.PreferencesService;
import dev.kairos.preferences.topics.Topic;
import dev.kairos.preferences.topics.TopicCatalogue;
import dev.kairos.preferences.topics.TopicCategory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The actions behind the customer pages. Each saves preferences through {@link PreferencesService}, like
 * the API, and appends consent submissions in the same transaction: a page either records both or neither.
 */
@Service
public class CustomerPages {

    private final PreferencesService preferences;
    private final TopicCatalogue catalogue;
    private final ConsentSubmissions submissions;
    private final Clock clock;
    private final ContactChangeService contactChanges;
    private final Set<String> ownTopics;
    private final LedgerConsents ledger;

    CustomerPages(PreferencesService preferences, TopicCatalogue catalogue, ConsentSubmissions submissions, Clock clock,
                  ContactChangeService contactChanges,
                  @Value("${kairos.confirmations.catalogue-topic:consent-confirmation}") String confirmationTopic,
                  @Value("${kairos.contact-changes.catalogue-topic:contact-confirmation}") String contactTopic,
                  LedgerConsents ledger) {
        this.ledger = ledger;
        this.preferences = preferences;
        this.catalogue = catalogue;
        this.submissions = submissions;
        this.clock = clock;
        this.contactChanges = contactChanges;
        this.ownTopics = Set.of(confirmationTopic, contactTopic);
    }

    /** A consent the customer granted or withdrew by ticking or clearing a box, with the notice shown beside it. */
    public record ConsentChange(ConsentAction action, Channel channel, String purpose, Evidence evidence) {
    }

    public Optional<CustomerPreferences> preferences(String customerId) {
        return preferences.find(customerId);
    }

    /**
     * The topics a customer chooses for. Not Kairos's own confirmations (double opt-in, new contact point):
     * they go to the address being confirmed, whatever the customer's choices, so offering a choice would mislead.
     */
    public List<Topic> topics() {
        return catalogue.all().stream().filter(t -> !ownTopics.contains(t.id())).toList();
    }

    /**
     * For each MARKETING topic, the channels on which the customer's consent to the topic's purpose is in force
     * now, as the ledger's latest snapshot has it; a topic without any is absent.
     */
    @Transactional(readOnly = true)
    public Map<String, Set<String>> consented(String customerId) {
        Instant now = clock.instant();
        Map<String, Set<String>> inForce = new HashMap<>();
        List<LedgerConsent> consents = ledger.of(customerId);
        for (Topic topic : topics()) {
            if (topic.category() != TopicCategory.MARKETING) {
                continue;
            }
            for (LedgerConsent consent : consents) {
                if (consent.purpose().equals(topic.purpose()) && consent.inForceAt(now)) {
                    inForce.computeIfAbsent(topic.id(), id -> new HashSet<>()).add(consent.channel().name());
                }
            }
        }
        return inForce;
    }

    public Optional<Topic> topic(String topicId) {
        return catalogue.all().stream().filter(t -> t.id().equals(topicId)).findFirst();
    }

    /**
     * What saving the centre stored, and the channels whose new address waits for confirmation (the stored
     * document keeps the old one for them).
     */
    public record SavedCentre(CustomerPreferences stored, Set<Channel> awaitingConfirmation) {
    }

    /**
     * Saves the preference centre: the document, conditional on the version the page showed, and the
     * consents changed on it. A new email address or phone number is not saved: it is held and a confirmation
     * link sent to it, and the old one stays in use until the link is followed (ADR 0028).
     *
     * @throws dev.kairos.platform.web.InvalidRequestException      nothing stored or submitted then
     * @throws dev.kairos.preferences.customers.StaleVersionException the preferences changed since the page was shown
     */
    @Transactional
    public SavedCentre saveCentre(String customerId, PreferencesForm form, long shownVersion,
            List<ConsentChange> consents) {
        // The new addresses are checked too, though not stored yet: a confirmation is only sent to a valid one.
        preferences.check(customerId, form);
        HeldContactPoints held = HeldContactPoints.of(form, PreferencesForm.of(preferences.get(customerId).document()));
        CustomerPreferences stored = preferences.replace(customerId, held.saved(),
                ExpectedVersion.oneOf(Set.of(shownVersion)), ChangeKind.PREFERENCE_CENTRE);
        held.pending().forEach((channel, address) -> contactChanges.hold(customerId, channel, address));
        for (ConsentChange change : consents) {
            submit(customerId, change.action(), change.channel(), change.purpose(),
                    address(stored.document(), change.channel()), null, change.evidence());
        }
        return new SavedCentre(stored, held.pending().keySet());
    }

    /**
     * Applies the new contact point that a followed confirmation link names, once.
     *
     * @return whether it was applied: false when the link was used already, replaced by a newer change or expired
     */
    public boolean confirmContactChange(String customerId, String nonce) {
        return contactChanges.confirm(customerId, nonce).isPresent();
    }

    /**
     * "Fewer messages instead": keeps the topic's channels (and so the consent) and replaces how often the
     * topic may write with {@code frequency} or {@code digest}.
     */
    @Transactional
    public CustomerPreferences fewerMessages(String customerId, String topicId, PreferencesForm.Cap frequency,
            PreferencesForm.Digest digest) {
        CustomerPreferences current = preferences.get(customerId);
        PreferencesForm form = PreferencesForm.of(current.document());
        Map<String, PreferencesForm.TopicChoice> topics = new LinkedHashMap<>(form.topics());
        PreferencesForm.TopicChoice choice = topics.get(topicId);
        topics.put(topicId, new PreferencesForm.TopicChoice(choice == null ? null : choice.channels(), frequency, digest));
        PreferencesForm changed = new PreferencesForm(form.locale(), form.timeZone(), form.jurisdiction(),
                form.formOfAddress(), form.contactPoints(), form.channelPriority(), form.quietHours(),
                form.sendWindows(), topics, form.overallCap(), form.pausedUntil());
        return preferences.replace(customerId, changed, ExpectedVersion.oneOf(Set.of(current.version())),
                ChangeKind.FEWER_MESSAGES);
    }

    /** Withdraws consent for one purpose on one channel; works whether or not preferences are stored. */
    @Transactional
    public void withdraw(String customerId, Channel channel, String purpose, Evidence evidence) {
        String address = preferences.find(customerId).map(p -> address(p.document(), channel)).orElse(null);
        submit(customerId, ConsentAction.WITHDRAW, channel, purpose, address, null, evidence);
    }

    /** Confirms a double opt-in; compliance checks that the nonce is used once. */
    @Transactional
    public void confirm(String customerId, Channel channel, String purpose, String nonce, Evidence evidence) {
        String address = preferences.find(customerId).map(p -> address(p.document(), channel)).orElse(null);
        submit(customerId, ConsentAction.CONFIRM, channel, purpose, address, nonce, evidence);
    }

    private void submit(String customerId, ConsentAction action, Channel channel, String purpose, String address,
            String nonce, Evidence evidence) {
        submissions.submit(new ConsentSubmission(UUID.randomUUID().toString(), customerId, action, channel, purpose,
                address, nonce, evidence, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** The contact point of the channel: the consent is about that address. */
    static String address(PreferencesDocument document, Channel channel) {
        PreferencesDocument.ContactPoints points = document.contactPoints();
        switch (channel) {
            case EMAIL:
                return points.email();
            case SMS:
                return points.sms();
            default:
                PreferencesDocument.PostalAddress postal = points.postal();
                return postal == null ? null : String.join(", ", postal.lines()) + ", " + postal.postalCode() + " "
                        + postal.city() + ", " + postal.country();
        }
    }
}
