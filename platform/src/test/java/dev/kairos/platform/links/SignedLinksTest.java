package dev.kairos.platform.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final LinkKey DISPATCH = new LinkKey("d1", "dispatch", bytes(1));
    private static final LinkKey DISPATCH_NEXT = new LinkKey("d2", "dispatch", bytes(2));
    private static final LinkKey COMPLIANCE = new LinkKey("c1", "compliance", bytes(3));

    private final SignedLinks dispatch = links(NOW, "d1", DISPATCH);
    private final SignedLinks compliance = links(NOW, "c1", COMPLIANCE);
    private final SignedLinks preferences = links(NOW, null, DISPATCH, DISPATCH_NEXT, COMPLIANCE);

    @Test
    void aLinkSignedByItsIssuerVerifiesWithEveryClaim() {
        LinkClaims claims = LinkClaims.unsubscribe("c-42", "promotions", "SMS", NOW);

        LinkCheck check = preferences.verify(dispatch.sign(claims));

        assertThat(check).isEqualTo(new LinkCheck.Valid(claims, "dispatch"));
    }

    @Test
    void anUnsubscribeLinkIsShortEnoughForAnSms() {
        String token = dispatch.sign(LinkClaims.unsubscribe("c-000042", "promotions", "SMS", NOW));

        assertThat(token).hasSize(63).matches("[A-Za-z0-9_-]+");
        assertThat(dispatch.url(LinkClaims.preferenceCentre("c-000042", NOW)))
                .startsWith("https://prefs.example.com/p/");
    }

    @Test
    void confirmationLinksCarryTheirNonceAndLastSevenDays() {
        LinkClaims claims = LinkClaims.confirmation("c-42", "promotions", "EMAIL", "n0nce-123", NOW);

        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(7)));
        assertThat(preferences.verify(compliance.sign(claims))).isEqualTo(new LinkCheck.Valid(claims, "compliance"));
    }

    @Test
    void lifetimesFollowThePurpose() {
        assertThat(LinkClaims.preferenceCentre("c", NOW).expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(LinkClaims.unsubscribe("c", "t", "EMAIL", NOW).expiresAt()).isAfter(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aLinkIsValidUntilTheSecondBeforeItsExpiryThenExpiredButStillAuthentic() {
        LinkClaims claims = LinkClaims.preferenceCentre("c-42", NOW);
        String token = dispatch.sign(claims);

        assertThat(links(claims.expiresAt().minusSeconds(1), null, DISPATCH).verify(token))
                .isInstanceOf(LinkCheck.Valid.class);
        assertThat(links(claims.expiresAt(), null, DISPATCH).verify(token))
                .isEqualTo(new LinkCheck.Expired(claims, "dispatch"));
    }

    @Test
    void everyAlteredByteIsRefused() {
        byte[] token = Base64.getUrlDecoder().decode(dispatch.sign(LinkClaims.unsubscribe("c-42", "promotions", "EMAIL", NOW)));
        for (int i = 0; i < token.length; i++) {
            byte[] altered = token.clone();
            altered[i] ^= 0x01;
            LinkCheck check = preferences.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(altered));
            assertThat(check).as("byte %d altered", i).isInstanceOf(LinkCheck.Invalid.class);
        }
    }

    @Test
    void aChangedSubjectIsABadSignatureNotAnotherCustomer() {
        String token = dispatch.sign(LinkClaims.preferenceCentre("c-42", NOW));
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        int subjectAt = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("c-42");
        bytes[subjectAt + 3] = '3';

        assertThat(preferences.verify(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)))
                .isEqualTo(new LinkCheck.Invalid(LinkFailure.BAD_SIGNATURE));
    }

    @Test
    void garbageIsMalformed() {
        assertThat(preferences.verify("not a token")).isEqualTo(new LinkCheck.Invalid(LinkFailure.MALFORMED));
        assertThat(preferences.verify("")).isEqualTo(new LinkCheck.Invalid(LinkFailure.MALFORMED));
        assertThat(preferences.verify(null)).isEqualTo(new LinkCheck.Invalid(LinkFailure.MALFORMED));
        String token = dispatch.sign(LinkClaims.preferenceCentre("c-42", NOW));
        assertThat(preferences.verify(token.substring(0, token.length() - 5)))
                .isInstanceOf(LinkCheck.Invalid.class);
    }

    @Test
    void keysRotateById() {
        SignedLinks rotated = links(NOW, "d2", DISPATCH, DISPATCH_NEXT);
        String before = dispatch.sign(LinkClaims.preferenceCentre("c-42", NOW));
        String after = rotated.sign(LinkClaims.preferenceCentre("c-42", NOW));

        assertThat(preferences.verify(before)).isInstanceOf(LinkCheck.Valid.class);
        assertThat(preferences.verify(after)).isInstanceOf(LinkCheck.Valid.class);
        assertThat(links(NOW, null, DISPATCH_NEXT, COMPLIANCE).verify(before))
                .as("a retired key id no longer verifies").isEqualTo(new LinkCheck.Invalid(LinkFailure.UNKNOWN_KEY));
    }

    @Test
    void oneIssuerCannotMintTheOthersLinks() {
        assertThatThrownBy(() -> compliance.sign(LinkClaims.unsubscribe("c-42", "promotions", "EMAIL", NOW)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dispatch.sign(LinkClaims.confirmation("c-42", "promotions", "EMAIL", "n", NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinkSignedWithAKeyOfTheWrongIssuerIsForeign() {
        // A compliance key that somehow signed an unsubscribe link (say, an older build): refused on verify too.
        String forged = LinkToken.encode(LinkClaims.unsubscribe("c-42", "promotions", "EMAIL", NOW), COMPLIANCE);

        assertThat(preferences.verify(forged)).isEqualTo(new LinkCheck.Invalid(LinkFailure.FOREIGN_PURPOSE));
    }

    @Test
    void aVerifierWithoutASigningKeyCannotSign() {
        assertThatThrownBy(() -> preferences.sign(LinkClaims.preferenceCentre("c-42", NOW)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configuredKeysNeedARealSecret() {
        assertThatThrownBy(() -> LinkKey.ofBase64("d1", "dispatch", "c2hvcnQ="))
                .hasMessageContaining("at least 16 bytes");
        assertThat(LinkKey.ofBase64("d1", "dispatch", Base64.getUrlEncoder().encodeToString(bytes(9))).toString())
                .doesNotContain("9");
    }

    private static SignedLinks links(Instant now, String signingKey, LinkKey... keys) {
        return new SignedLinks("https://prefs.example.com/", List.of(keys), signingKey, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static byte[] bytes(int seed) {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (seed * 31 + i);
        }
        return secret;
    }
}
