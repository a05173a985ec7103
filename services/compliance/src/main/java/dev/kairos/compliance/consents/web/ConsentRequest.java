package dev.kairos.compliance.consents.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/consents}. Enumerations arrive as text so that one answer can name
 * every invalid field.
 */
record ConsentRequest(
        @Schema(example = "c-42", pattern = "[A-Za-z0-9._:-]{1,128}", requiredMode = Schema.RequiredMode.REQUIRED)
        String customerId,
        @Schema(allowableValues = {"EMAIL", "SMS", "MAIL"}, example = "SMS", requiredMode = Schema.RequiredMode.REQUIRED)
        String channel,
        @Schema(example = "promotions", pattern = "[A-Za-z0-9._:-]{1,128}", requiredMode = Schema.RequiredMode.REQUIRED)
        String purpose,
        @Schema(allowableValues = {"GRANT", "WITHDRAW"}, requiredMode = Schema.RequiredMode.REQUIRED)
        String action,
        @Schema(description = "Email address, E.164 phone number or postal address, as the channel needs",
                example = "+33612345678", requiredMode = Schema.RequiredMode.REQUIRED)
        String address,
        @Schema(description = "ISO 3166-1 alpha-2 country, ISO 3166-2 subdivision, or EU", example = "FR")
        String jurisdiction,
        @Schema(allowableValues = {"OPT_IN", "SOFT_OPT_IN", "IMPLIED_PURCHASE", "IMPLIED_INQUIRY", "PRIOR_EXPRESS_WRITTEN"},
                description = "Required for GRANT")
        String basis,
        @Schema(description = "The grant waits for the customer's confirmation", defaultValue = "false")
        Boolean doubleOptIn,
        @Schema(description = "When the customer acted (ISO-8601 with offset); defaults to the time of recording",
                example = "2026-11-23T10:15:30Z")
        String collectedAt,
        @Schema(description = "Proof of the event; required for GRANT")
        EvidenceRequest evidence) {

    record EvidenceRequest(
            @Schema(example = "WEB_FORM", requiredMode = Schema.RequiredMode.REQUIRED) String source,
            @Schema(example = "signup-v3") String collectionPoint,
            String noticeText,
            @Schema(example = "3") String noticeVersion,
            @Schema(example = "203.0.113.7") String ipAddress,
            String userAgent,
            @Schema(description = "Hex SHA-256 of the exact notice text; computed from noticeText when absent")
            String noticeSha256,
            @Schema(description = "Who acted: CUSTOMER (default), AGENT:<id> or SYSTEM:<name>", example = "CUSTOMER")
            String actor,
            @Schema(description = "The input received, as received, e.g. the SMS text", example = "YES")
            String rawInput,
            @Schema(description = "ISO/IEC 27560: the language of the notice shown, a BCP 47 tag", example = "fr-CA")
            String noticeLanguage,
            @Schema(description = "ISO/IEC 27560: the privacy policy in force; defaults to kairos.compliance.privacy-policy.url",
                    example = "https://example.com/privacy")
            String privacyPolicyUrl,
            @Schema(description = "Its version; taken with privacyPolicyUrl, else the configured one", example = "2026-01")
            String privacyPolicyVersion) {

        /** Evidence without the ISO/IEC 27560 fields, which are optional. */
        EvidenceRequest(String source, String collectionPoint, String noticeText, String noticeVersion, String ipAddress,
                        String userAgent, String noticeSha256, String actor, String rawInput) {
            this(source, collectionPoint, noticeText, noticeVersion, ipAddress, userAgent, noticeSha256, actor, rawInput,
                    null, null, null);
        }
    }
}
