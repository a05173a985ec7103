package dev.kairos.preferences.topics.builtin;

import dev.kairos.preferences.topics.TopicCatalogue;
import dev.kairos.preferences.topics.TopicDefinition;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The catalogue topics Kairos sends on itself: the double opt-in confirmation that compliance sends
 * through dispatch, and the confirmation of a new email address or phone number that preferences sends.
 * Informational SERVICE topics, urgent because the person is waiting for them right after signing up or
 * changing their address, at whatever hour that is. Defined at start-up when missing, so a fresh system can
 * confirm consents without an operator's step.
 */
@Component
class BuiltInTopics implements ApplicationRunner {

    /** Who the catalogue's audit trail names for these entries. */
    static final String CHANGED_BY = "kairos:preferences";

    private final TopicCatalogue catalogue;
    private final String confirmationTopic;
    private final String contactTopic;

    BuiltInTopics(TopicCatalogue catalogue,
                  @Value("${kairos.confirmations.catalogue-topic:consent-confirmation}") String confirmationTopic,
                  @Value("${kairos.contact-changes.catalogue-topic:contact-confirmation}") String contactTopic) {
        this.catalogue = catalogue;
        this.confirmationTopic = confirmationTopic;
        this.contactTopic = contactTopic;
    }

    @Override
    public void run(ApplicationArguments args) {
        catalogue.defineIfAbsent(confirmationTopic, new TopicDefinition("Consent confirmation", "SERVICE",
                confirmationTopic, true, List.of("EMAIL", "SMS")), CHANGED_BY);
        catalogue.defineIfAbsent(contactTopic, new TopicDefinition("Contact confirmation", "SERVICE",
                contactTopic, true, List.of("EMAIL", "SMS")), CHANGED_BY);
    }
}
