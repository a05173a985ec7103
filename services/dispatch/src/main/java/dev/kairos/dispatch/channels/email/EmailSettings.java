package dev.kairos.dispatch.channels.email;

/**
 * What every email carries: the sender, the mailto address that unsubscribes (RFC 2369), the sender's postal
 * address for the footer of marketing mail where the law asks for it, and the domain of the Message-IDs.
 */
record EmailSettings(String from, String unsubscribeMailto, String postalAddress, String messageIdDomain) {
}
