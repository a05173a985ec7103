package dev.kairos.compliance.ledger;

/**
 * How a consent event was collected. Personal (an IP address, a user agent), so it is kept in the
 * erasable store; the chain holds only a salted commitment to it.
 *
 * @param source the collection method, e.g. {@code WEB_FORM}, {@code SMS_KEYWORD}, {@code API}
 */
public record Evidence(String source, String collectionPoint, String noticeText, String noticeVersion,
                       String ipAddress, String userAgent) {
}
