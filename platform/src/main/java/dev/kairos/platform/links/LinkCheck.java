package dev.kairos.platform.links;

/** The result of verifying a link. Only authentic links expose their claims. */
public sealed interface LinkCheck {

    /** Authentic and not expired. */
    record Valid(LinkClaims claims, String issuer) implements LinkCheck {
    }

    /** Authentic but past its expiry; an unsubscribe page still honours it after a confirmation click. */
    record Expired(LinkClaims claims, String issuer) implements LinkCheck {
    }

    /** Not to be trusted at all. */
    record Invalid(LinkFailure reason) implements LinkCheck {
    }
}
