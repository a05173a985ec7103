package dev.kairos.compliance;

/** Test data: bodies of {@code POST /api/v1/consents} for any channel and address. */
final class ConsentJson {

    private ConsentJson() {
    }

    static String grant(String customerId, String channel, String address) {
        return grant(customerId, channel, address, "OPT_IN", "WEB_FORM", false);
    }

    static String grant(String customerId, String channel, String address, String basis, String source,
                        boolean doubleOptIn) {
        return grant(customerId, channel, address, "FR", basis, source, doubleOptIn);
    }

    static String grant(String customerId, String channel, String address, String jurisdiction, String basis,
                        String source, boolean doubleOptIn) {
        return """
                {"customerId": "%s", "channel": "%s", "purpose": "promotions", "action": "GRANT",
                 "address": "%s", "jurisdiction": "%s", "basis": "%s", "doubleOptIn": %s,
                 "evidence": {"source": "%s", "collectionPoint": "signup-v3",
                              "noticeText": "Yes, send me offers.", "noticeVersion": "3",
                              "ipAddress": "203.0.113.7", "userAgent": "Mozilla/5.0"}}"""
                .formatted(customerId, channel, address, jurisdiction, basis, doubleOptIn, source);
    }
}
