package dev.kairos.preferences.customers;

import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import dev.kairos.preferences.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads and replaces customers' preferences; each change is stored and announced in one transaction. */
@Service
public class PreferencesService {

    private final Preferences preferences;
    private final PreferencesEvents events;
    private final TopicCatalogue catalogue;
    private final Clock clock;

    PreferencesService(Preferences preferences, PreferencesEvents events, TopicCatalogue catalogue, Clock clock) {
        this.preferences = preferences;
        this.events = events;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /**
     * One SELECT, so no transaction: that saves the BEGIN and COMMIT round trips on the hottest path.
     *
     * @throws UnknownCustomerException when the customer has no preferences
     */
    public CustomerPreferences get(String customerId) {
        return preferences.find(customerId).orElseThrow(() -> new UnknownCustomerException(customerId));
    }

    /**
     * The customer's document as stored, in its public shape: for reads that pass it on unchanged. It was
     * validated when written, and reading it back gives the same text ({@link PreferencesForm#of}).
     *
     * @throws UnknownCustomerException when the customer has no preferences
     */
    public PreferencesJson getJson(String customerId) {
        return preferences.findJson(customerId).orElseThrow(() -> new UnknownCustomerException(customerId));
    }

    /**
     * Replaces the customer's whole document with {@code form} as a new version, as the API asks.
     *
     * @return the stored text and its version, which the answer serves as a read would
     * @throws InvalidRequestException naming every invalid field; nothing is stored then
     * @throws StaleVersionException   when {@code expected} does not admit the stored version; nothing is stored then
     */
    @Transactional
    public PreferencesJson replace(String customerId, PreferencesForm form, ExpectedVersion expected) {
        return write(customerId, form, expected, ChangeKind.API).json();
    }

    /** As {@link #replace(String, PreferencesForm, ExpectedVersion)}, counted as a change of {@code kind}. */
    @Transactional
    public CustomerPreferences replace(String customerId, PreferencesForm form, ExpectedVersion expected,
            ChangeKind kind) {
        return write(customerId, form, expected, kind).preferences();
    }

    /**
     * Checks {@code form} as {@link #replace} would, storing nothing: for a caller that stores a form other than
     * the one submitted (the preference centre holds a new contact point until it is confirmed).
     *
     * @throws InvalidRequestException naming every invalid field
     */
    public void check(String customerId, PreferencesForm form) {
        validated(customerId, form);
    }

    private PreferencesDocument validated(String customerId, PreferencesForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        PreferencesValidation.checkCustomerId(customerId, problems);
        Set<String> unknownTopics = form == null || form.topics() == null
                ? Set.of() : catalogue.unknown(form.topics().keySet());
        PreferencesDocument document = PreferencesValidation.parse(form, unknownTopics, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return document;
    }

    private Written write(String customerId, PreferencesForm form, ExpectedVersion expected, ChangeKind kind) {
        PreferencesDocument document = validated(customerId, form);
        if (expected.isConditional()) {
            // The lock holds the version still until commit, so no other write slips in after this check.
            OptionalLong current = preferences.lockVersion(customerId);
            if (!expected.admits(current)) {
                throw new StaleVersionException(customerId, current);
            }
        }
        Instant updatedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PreferencesJson json = preferences.store(customerId, document, updatedAt);
        CustomerPreferences stored = new CustomerPreferences(customerId, json.version(), updatedAt, document);
        events.preferencesChanged(new PreferencesChanged(UUID.randomUUID().toString(), stored, kind));
        return new Written(stored, json);
    }

    /** What a write stored, as the domain and as the text a read serves. */
    private record Written(CustomerPreferences preferences, PreferencesJson json) {
    }

    /** The customer's preferences, or empty when none are stored (one SELECT, no transaction needed). */
    public Optional<CustomerPreferences> find(String customerId) {
        return preferences.find(customerId);
    }

    /**
     * Forgets the customer and announces it with a tombstone, so the compacted snapshot topic drops them too.
     * The tombstone is written even when nothing was stored: an earlier snapshot may still be on the topic.
     *
     * @param erasureEventId the id of the erasure that asked for it; the tombstone's id derives from it
     */
    @Transactional
    public void erase(String customerId, String erasureEventId) {
        preferences.delete(customerId);
        String tombstoneId = UUID.nameUUIDFromBytes(("preferences-tombstone:" + erasureEventId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        events.preferencesErased(customerId, tombstoneId);
    }
}
