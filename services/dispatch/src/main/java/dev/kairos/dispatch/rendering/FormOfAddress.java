package dev.kairos.dispatch.rendering;

/** How the customer wants to be addressed; {@code NONE} means no title, a first-class choice. */
public record FormOfAddress(Title title, String givenName, String familyName) {

    public enum Title { NONE, MS, MRS, MR, MX, DR }
}
