package dev.kairos.compliance.consents.web;

import dev.kairos.compliance.addresses.AddressSyntax;
import dev.kairos.compliance.addresses.Channel;
import dev.kairos.compliance.consents.ConsentAction;
import dev.kairos.compliance.consents.RecordConsent;
import dev.kairos.compliance.ledger.Evidence;
import dev.kairos.compliance.ledger.LegalBasis;
import dev.kairos.platform.web.FieldProblem;
import dev.kairos.platform.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a consent request field by field and names every invalid one at once. */
final class ConsentRequestValidator {

    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern ACTOR = Pattern.compile("CUSTOMER|(AGENT|SYSTEM):[A-Za-z0-9._:@-]{1,120}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Clocks of the systems that collect consents drift; a collection time this far ahead is still believed. */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

    private static final int MAX_SHORT_TEXT = 200;
    /** A BCP 47 tag as collecting systems send it: a language, then script, region or variant subtags. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}");
    private static final int MAX_USER_AGENT = 1_000;
    private static final int MAX_NOTICE_TEXT = 100_000;

    private ConsentRequestValidator() {
    }

    static RecordConsent validate(ConsentRequest request, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.customerId() == null || !IDENTIFIER.matcher(request.customerId()).matches()) {
            problems.add(new FieldProblem("customerId", "must be 1 to 128 letters, digits or . _ : -"));
        }
        Optional<Channel> channel = oneOf("channel", request.channel(), Channel.class, true, problems);
        if (request.purpose() == null || !IDENTIFIER.matcher(request.purpose()).matches()) {
            problems.add(new FieldProblem("purpose", "must be 1 to 128 letters, digits or . _ : -"));
        }
        Optional<ConsentAction> action = oneOf("action", request.action(), ConsentAction.class, true, problems);
        if (request.address() == null || request.address().isBlank()) {
            problems.add(new FieldProblem("address", "must not be blank"));
        } else {
            channel.flatMap(c -> AddressSyntax.problem(c, request.address()))
                    .ifPresent(message -> problems.add(new FieldProblem("address", message)));
        }
        if (request.jurisdiction() != null && !JURISDICTION.matcher(request.jurisdiction()).matches()) {
            problems.add(new FieldProblem("jurisdiction",
                    "must be an ISO 3166-1 alpha-2 country (FR), an ISO 3166-2 subdivision (US-FL) or EU"));
        }
        boolean grant = action.filter(ConsentAction.GRANT::equals).isPresent();
        Optional<LegalBasis> basis = oneOf("basis", request.basis(), LegalBasis.class, grant, problems);
        Instant collectedAt = collectedAt(request.collectedAt(), now, problems);
        Evidence evidence = evidence(request.evidence(), grant, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return new RecordConsent(request.customerId(), channel.orElseThrow(), request.purpose(), action.orElseThrow(),
                request.address(), request.jurisdiction(), basis.orElse(null),
                grant && Boolean.TRUE.equals(request.doubleOptIn()), collectedAt, evidence);
    }

    private static <E extends Enum<E>> Optional<E> oneOf(String field, String value, Class<E> type, boolean required,
            List<FieldProblem> problems) {
        if (value == null) {
            if (required) {
                problems.add(new FieldProblem(field, "must be one of " + names(type)));
            }
            return Optional.empty();
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return Optional.of(constant);
            }
        }
        problems.add(new FieldProblem(field, "must be one of " + names(type)));
        return Optional.empty();
    }

    private static String names(Class<? extends Enum<?>> type) {
        return String.join(", ", Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }

    private static Instant collectedAt(String value, Instant now, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (instant.isAfter(now.plus(CLOCK_TOLERANCE))) {
                problems.add(new FieldProblem("collectedAt", "must not be in the future"));
            }
            return instant;
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem("collectedAt", "must be an ISO-8601 instant with offset, e.g. 2026-11-23T10:15:30Z"));
            return null;
        }
    }

    private static Evidence evidence(ConsentRequest.EvidenceRequest e, boolean required, List<FieldProblem> problems) {
        if (e == null) {
            if (required) {
                problems.add(new FieldProblem("evidence", "is required to record a grant"));
            }
            return null;
        }
        if (e.source() == null || !SOURCE.matcher(e.source()).matches()) {
            problems.add(new FieldProblem("evidence.source",
                    "must name the collection method in 1 to 64 letters, digits or . _ : -, e.g. WEB_FORM"));
        }
        longest("evidence.collectionPoint", e.collectionPoint(), MAX_SHORT_TEXT, problems);
        longest("evidence.noticeText", e.noticeText(), MAX_NOTICE_TEXT, problems);
        longest("evidence.noticeVersion", e.noticeVersion(), MAX_SHORT_TEXT, problems);
        longest("evidence.userAgent", e.userAgent(), MAX_USER_AGENT, problems);
        if (e.ipAddress() != null && !isIpAddress(e.ipAddress())) {
            problems.add(new FieldProblem("evidence.ipAddress", "must be an IPv4 or IPv6 address"));
        }
        longest("evidence.rawInput", e.rawInput(), MAX_USER_AGENT, problems);
        if (e.actor() != null && !ACTOR.matcher(e.actor()).matches()) {
            problems.add(new FieldProblem("evidence.actor",
                    "must be CUSTOMER, AGENT:<id> or SYSTEM:<name> in at most 128 letters, digits or . _ : @ -"));
        }
        String noticeSha256 = noticeSha256(e, problems);
        iso27560(e, problems);
        return new Evidence(e.source(), e.collectionPoint(), e.noticeText(), e.noticeVersion(), e.ipAddress(),
                e.userAgent(), noticeSha256, null, e.actor() == null ? Evidence.CUSTOMER : e.actor(), e.rawInput())
                .withNotice(e.noticeLanguage(), e.privacyPolicyUrl(), e.privacyPolicyVersion());
    }

    /** The ISO/IEC 27560 fields a caller may give: a BCP 47 language, an absolute http(s) policy URL with its version. */
    private static void iso27560(ConsentRequest.EvidenceRequest e, List<FieldProblem> problems) {
        if (e.noticeLanguage() != null && !LANGUAGE.matcher(e.noticeLanguage()).matches()) {
            problems.add(new FieldProblem("evidence.noticeLanguage", "must be a BCP 47 language tag, e.g. fr or fr-CA"));
        }
        if (e.privacyPolicyUrl() != null && !isHttpUrl(e.privacyPolicyUrl())) {
            problems.add(new FieldProblem("evidence.privacyPolicyUrl", "must be an absolute http or https URL"));
        }
        longest("evidence.privacyPolicyUrl", e.privacyPolicyUrl(), MAX_SHORT_TEXT * 10, problems);
        longest("evidence.privacyPolicyVersion", e.privacyPolicyVersion(), MAX_SHORT_TEXT, problems);
        if (e.privacyPolicyVersion() != null && e.privacyPolicyUrl() == null) {
            problems.add(new FieldProblem("evidence.privacyPolicyVersion", "needs privacyPolicyUrl, the policy it versions"));
        }
    }

    private static boolean isHttpUrl(String value) {
        try {
            java.net.URI uri = new java.net.URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException ex) {
            return false;
        }
    }

    /**
     * The digest is computed from the text received; a caller that sends only the digest (the text is long
     * and versioned elsewhere) is believed, one that sends both must send matching ones.
     */
    private static String noticeSha256(ConsentRequest.EvidenceRequest e, List<FieldProblem> problems) {
        String computed = Evidence.digest(e.noticeText());
        String given = e.noticeSha256();
        if (given == null) {
            return computed;
        }
        if (!SHA256.matcher(given).matches()) {
            problems.add(new FieldProblem("evidence.noticeSha256", "must be 64 lower-case hexadecimal digits"));
        } else if (computed != null && !computed.equals(given)) {
            problems.add(new FieldProblem("evidence.noticeSha256", "is not the SHA-256 of noticeText"));
        }
        return given;
    }

    private static void longest(String field, String value, int max, List<FieldProblem> problems) {
        if (value != null && value.length() > max) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters"));
        }
    }

    private static boolean isIpAddress(String value) {
        return IPV4.matcher(value).matches() || (value.contains(":") && IPV6.matcher(value).matches());
    }
}
