package dev.kairos.dispatch.decision;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The channel of an explicit {@code recipientAddress}: an address with "@" is an email address, an E.164
 * number an SMS number; anything else can only be a postal address, and only when the request names MAIL
 * (a double opt-in by letter). A request that names channels must name the derived one.
 */
public final class RecipientChannel {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private RecipientChannel() {
    }

    /** @param requested the channels the request allows; empty allows any */
    public static Optional<Channel> of(String address, List<Channel> requested) {
        Channel derived;
        if (address.contains("@")) {
            derived = Channel.EMAIL;
        } else if (E164.matcher(address).matches()) {
            derived = Channel.SMS;
        } else if (requested.contains(Channel.MAIL)) {
            derived = Channel.MAIL;
        } else {
            return Optional.empty();
        }
        return requested.isEmpty() || requested.contains(derived) ? Optional.of(derived) : Optional.empty();
    }
}
