package dev.kairos.compliance;

/** Test data: the JSON body of {@code POST /api/v1/consents}, a complete SMS grant unless told otherwise. */
final class ConsentRequests {

    private String customerId = "c-42";
    private String channel = "SMS";
    private String action = "GRANT";
    private String address = "+33612345678";
    private boolean doubleOptIn;
    private String jurisdiction = "FR";
    private String basis = "OPT_IN";
    private String collectedAt = "2026-01-05T10:15:30Z";
    private String userAgent = "Mozilla/5.0";

    static ConsentRequests aGrant(String customerId) {
        ConsentRequests request = new ConsentRequests();
        request.customerId = customerId;
        return request;
    }

    static ConsentRequests aWithdrawal(String customerId) {
        return aGrant(customerId).action("WITHDRAW");
    }

    ConsentRequests action(String value) { action = value; return this; }
    ConsentRequests email(String value) { channel = "EMAIL"; address = value; return this; }
    ConsentRequests doubleOptIn() { doubleOptIn = true; return this; }
    ConsentRequests mail(String value) { channel = "MAIL"; address = value; return this; }
    ConsentRequests sms(String value) { channel = "SMS"; address = value; return this; }
    ConsentRequests jurisdiction(String value) { jurisdiction = value; return this; }
    ConsentRequests basis(String value) { basis = value; return this; }
    ConsentRequests collectedAt(String value) { collectedAt = value; return this; }
    ConsentRequests userAgent(String value) { userAgent = value; return this; }

    String json() {
        return """
                {"customerId": "%s", "channel": "%s", "purpose": "promotions", "action": "%s",
                 "address": "%s", "jurisdiction": "%s", "basis": "%s", "doubleOptIn": %s,
                 "collectedAt": "%s",
                 "evidence": {"source": "WEB_FORM", "collectionPoint": "signup-v3",
                              "noticeText": "Yes, send me offers.", "noticeVersion": "3",
                              "ipAddress": "203.0.113.7", "userAgent": "%s"}}"""
                .formatted(customerId, channel, action, address, jurisdiction, basis, doubleOptIn, collectedAt,
                        userAgent.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
