package dev.kairos.compliance.activities.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/activities}. */
record ActivityRequest(
        @Schema(example = "c-42", pattern = "[A-Za-z0-9._:-]{1,128}", requiredMode = Schema.RequiredMode.REQUIRED)
        String customerId,
        @Schema(allowableValues = {"PURCHASE", "INQUIRY", "CLICK", "VISIT", "OPEN"},
                requiredMode = Schema.RequiredMode.REQUIRED,
                description = "OPEN is recorded but never extends consent")
        String type,
        @Schema(description = "When the customer acted (ISO-8601 with offset)", example = "2026-11-23T10:15:30Z",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String at,
        @Schema(allowableValues = {"EMAIL", "SMS", "MAIL"},
                description = "With address, purpose and jurisdiction: the address a purchase or inquiry may imply consent for")
        String channel,
        @Schema(example = "client@example.ca") String address,
        @Schema(example = "promotions") String purpose,
        @Schema(example = "CA") String jurisdiction) {
}
