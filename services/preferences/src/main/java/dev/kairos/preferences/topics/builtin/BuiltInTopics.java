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
 * through dispatch, and the confirmation of a new email address or phone number that preferences sends:
 * informational SERVICE topics, urgent because the person is waiting for them right after signing up or
 * changing their address, at whatever hour that is. And the acknowledgement compliance sends after a consent
 * is given or withdrawn: SERVICE, not urgent (it waits for the end of quiet hours), by email or text unless the
 * customer chooses otherwise (a letter for each change only if they ask for it). Defined at start-up when
 * missing, so a fresh system can confirm and acknowledge consents without an operator's step.
 */
@Component
class BuiltInTopics implements ApplicationRunner {

    /** Who the catalogue's audit trail names for these entries. */
    static final String CHANGED_BY = "kairos:preferences";

    private final TopicCatalogue catalogue;
    private final String confirmationTopic;
    private final String contactTopic;
    private final String acknowledgementTopic;

    BuiltInTopics(TopicCatalogue catalogue,
                  @Value("${kairos.confirmations.catalogue-topic:consent-confirmation}") String confirmationTopic,
                  @Value("${kairos.contact-changes.catalogue-topic:contact-confirmation}") String contactTopic,
                  @Value("${kairos.acknowledgements.catalogue-topic:consent-acknowledgements}")
                  String acknowledgementTopic) {
        this.catalogue = catalogue;
        this.confirmationTopic = confirmationTopic;
        this.contactTopic = contactTopic;
        this.acknowledgementTopic = acknowledgementTopic;
    }

    @Override
    public void run(ApplicationArguments args) {
        catalogue.defineIfAbsent(confirmationTopic, new TopicDefinition("Consent confirmation", "SERVICE",
                confirmationTopic, true, List.of("EMAIL", "SMS")), CHANGED_BY);
        catalogue.defineIfAbsent(contactTopic, new TopicDefinition("Contact confirmation", "SERVICE",
                contactTopic, true, List.of("EMAIL", "SMS")), CHANGED_BY);
        catalogue.defineIfAbsent(acknowledgementTopic, new TopicDefinition("Consent acknowledgements", "SERVICE",
                acknowledgementTopic, false, List.of("EMAIL", "SMS")), CHANGED_BY);
    }
}
