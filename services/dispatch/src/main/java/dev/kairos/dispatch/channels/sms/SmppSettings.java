package dev.kairos.dispatch.channels.sms;

import java.time.Duration;

/**
 * How dispatch reaches its SMSC ({@code kairos.sms.smpp.*}).
 *
 * @param sourceAddress  the sender of every text: an E.164 number, a short code, or an alphanumeric sender id
 * @param enquireLink    how often an idle bind is checked with enquire_link (keep-alive)
 * @param responseTimeout how long a request waits for the SMSC's response (and for room in the window)
 * @param reconnectMin   first wait before binding again after the bind was lost or refused; it doubles, with
 *                       jitter, up to {@code reconnectMax}, and starts over after a successful bind
 * @param window         requests sent and not yet answered, at most
 * @param throughput     submit_sm a second, at most (what the SMSC contract allows)
 */
public record SmppSettings(String host, int port, String systemId, String password, String systemType,
                           String sourceAddress, Duration enquireLink, Duration responseTimeout, Duration reconnectMin,
                           Duration reconnectMax, int window, int throughput) {

    /** SMPP 3.4 § 4.1.1 bounds the bind's strings; a longer one could never bind, so it fails at start-up. */
    public SmppSettings {
        requireAtMost("system-id", systemId, 15);
        requireAtMost("password", password, 8);
        requireAtMost("system-type", systemType, 12);
    }

    private static void requireAtMost(String name, String value, int length) {
        if (value != null && value.length() > length) {
            throw new IllegalArgumentException("kairos.sms.smpp." + name + " is longer than SMPP 3.4 allows ("
                    + length + " characters)");
        }
    }
}
