package dev.kairos.preferences.topics;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** The stored catalogue. */
public interface Topics {

    /** Stores the entry, replacing any entry with its id; returns true when the id was new. */
    boolean save(Topic topic);

    List<Topic> all();

    /** The ids among {@code ids} that the catalogue holds. */
    Set<String> existing(Collection<String> ids);
}
