package dev.kairos.dispatch.inbound;

import dev.kairos.dispatch.decision.RequestRule;
import dev.kairos.platform.addresses.PostalLine;
import dev.kairos.platform.web.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/inbound/mail}: a letter the print house got back, named by the request id of its
 * print batch's manifest, with the address it was sent to as printed (the shape of the preferences' postal
 * address) and, optionally, why the post returned it.
 */
record ReturnedLetter(String requestId, Address address, String reason) {

    static final int MAX_REASON = 500;
    private static final int MAX_PART = 200;
    private static final int MAX_LINES = 5;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:\\-]{1," + RequestRule.MAX_ID + "}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    record Address(String recipient, List<String> lines, String postalCode, String city, String country) {
    }

    /** Each invalid field, by its JSON path; empty when the report can be acted on. */
    List<FieldProblem> problems() {
        List<FieldProblem> problems = new ArrayList<>();
        if (requestId == null || !ID.matcher(requestId).matches()) {
            problems.add(new FieldProblem("requestId", "the request id of the letter in its batch's manifest: 1 to "
                    + RequestRule.MAX_ID + " letters, digits, '.', '_', ':' or '-'"));
        }
        if (reason != null && reason.length() > MAX_REASON) {
            problems.add(new FieldProblem("reason", "at most " + MAX_REASON + " characters"));
        }
        if (address == null) {
            problems.add(new FieldProblem("address", "the address the letter was sent to is required"));
            return problems;
        }
        part(problems, "address.recipient", address.recipient());
        if (address.lines() == null || address.lines().isEmpty() || address.lines().size() > MAX_LINES) {
            problems.add(new FieldProblem("address.lines", "1 to " + MAX_LINES + " lines"));
        } else {
            for (int i = 0; i < address.lines().size(); i++) {
                part(problems, "address.lines[" + i + "]", address.lines().get(i));
            }
        }
        part(problems, "address.postalCode", address.postalCode());
        part(problems, "address.city", address.city());
        if (address.country() == null || !COUNTRIES.contains(address.country())) {
            problems.add(new FieldProblem("address.country", "an ISO 3166-1 alpha-2 code, such as FR"));
        }
        return problems;
    }

    /** The address as the line its HMAC is computed over, as on the customer's record. */
    String addressLine() {
        return PostalLine.of(address.recipient(), address.lines(), address.postalCode(), address.city(),
                address.country());
    }

    private static void part(List<FieldProblem> problems, String field, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_PART) {
            problems.add(new FieldProblem(field, "1 to " + MAX_PART + " characters"));
        }
    }
}
