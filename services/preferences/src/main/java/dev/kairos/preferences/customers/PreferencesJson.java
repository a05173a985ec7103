package dev.kairos.preferences.customers;

/**
 * A customer's stored document as the text of its public shape (the API's JSON, as it was written), with its
 * version. Reads that only pass the document on serve this, without turning it into the domain and back.
 */
public record PreferencesJson(long version, String document) {

    /** The document with its {@code version} as the last property: the body of GET preferences. */
    public String withVersion() {
        int end = document.lastIndexOf('}');
        if (end < 0) {
            throw new IllegalStateException("The stored document is not a JSON object");
        }
        String head = document.substring(0, end).stripTrailing();
        String separator = head.endsWith("{") ? "" : ",";
        return head + separator + "\"version\":" + version + "}";
    }
}
