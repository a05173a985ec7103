package dev.kairos.preferences.topics;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The stored catalogue. */
public interface Topics {

    /**
     * Stores the entry, replacing any entry with its id and the same category and purpose.
     *
     * @return true when the id was new, false when it replaced an entry; empty when an entry with the id
     *         has another category or purpose, which stays as it was
     */
    Optional<Boolean> save(Topic topic);

    /** The stored entry, locked against concurrent changes until the transaction ends. */
    Optional<Topic> lock(String id);

    List<Topic> all();

    /** The ids among {@code ids} that the catalogue holds. */
    Set<String> existing(Collection<String> ids);
}
