package dev.kairos.platform.links;

import java.time.Duration;

/**
 * What a signed link lets its holder do, which issuer may sign it, and how long it lives.
 *
 * <p>Lifetimes: preference-centre links 30 days and confirmation links 7 days; a new contact point's
 * confirmation link lives 24 hours, since it only matters while the person is changing it. An
 * unsubscribe link must keep working at least a year (30 days is the CAN-SPAM minimum, 60 days CASL's):
 * Kairos gives it 400 days, and even then an expired one still lets the person opt out.
 */
public enum LinkPurpose {
    PREFERENCES('p', "dispatch", Duration.ofDays(30)),
    UNSUBSCRIBE('u', "dispatch", Duration.ofDays(400)),
    CONFIRM('c', "compliance", Duration.ofDays(7)),
    /** Confirms a new email address or phone number given on the preference centre (ADR 0028). */
    CONTACT_CHANGE('a', "preferences", Duration.ofHours(24));

    private final char code;
    private final String issuer;
    private final Duration lifetime;

    LinkPurpose(char code, String issuer, Duration lifetime) {
        this.code = code;
        this.issuer = issuer;
        this.lifetime = lifetime;
    }

    /** The path segment of the page that serves this purpose: {@code p}, {@code u} or {@code c}. */
    public String path() {
        return String.valueOf(code);
    }

    /** The only issuer whose keys may sign links of this purpose. */
    public String issuer() {
        return issuer;
    }

    public Duration lifetime() {
        return lifetime;
    }

    byte code() {
        return (byte) code;
    }

    static LinkPurpose ofCode(byte code) {
        for (LinkPurpose purpose : values()) {
            if (purpose.code == code) {
                return purpose;
            }
        }
        return null;
    }
}
