package dev.kairos.dispatch.inbound;

import java.nio.charset.StandardCharsets;

/** Mails as they come back from mail systems, byte for byte as an MTA or a mailbox provider writes them. */
public final class ReturnedMails {

    private ReturnedMails() {
    }

    /** A Postfix-style delivery status notification (RFC 3464) for one recipient. */
    public static byte[] dsn(String id, String recipient, String action, String status, String diagnostic) {
        return crlf("""
                Return-Path: <>
                Received: by mx.shop.example (Postfix) id 4QxYz1; Sat,  5 Dec 2026 09:12:01 +0000 (UTC)
                Date: Sat,  5 Dec 2026 09:12:01 +0000 (UTC)
                From: MAILER-DAEMON@mx.shop.example (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: news@shop.example
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                	boundary="4QxYz1.1764925921/mx.shop.example"
                Message-Id: <%1$s@mx.shop.example>

                This is a MIME-encapsulated message.

                --4QxYz1.1764925921/mx.shop.example
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%2$s>: host mx.example.org[192.0.2.10] said: %4$s

                --4QxYz1.1764925921/mx.shop.example
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.shop.example
                X-Postfix-Queue-ID: 4QxYz1
                Arrival-Date: Sat,  5 Dec 2026 09:11:58 +0000 (UTC)

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822;%2$s
                Action: %3$s
                Status: %5$s
                Remote-MTA: dns; mx.example.org
                Diagnostic-Code: smtp; %4$s

                --4QxYz1.1764925921/mx.shop.example
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers

                From: Shop <news@shop.example>
                To: %2$s
                Subject: -30 %% this weekend
                Message-ID: <0f3a@shop.example>

                --4QxYz1.1764925921/mx.shop.example--
                """.formatted(id, recipient, action, diagnostic, status));
    }

    /** An abuse feedback report (ARF, RFC 5965) from a mailbox provider about one of our mails. */
    public static byte[] arf(String id, String recipient, String from) {
        return crlf("""
                From: <staff@feedback.example.net>
                Date: Sat, 5 Dec 2026 09:20:00 +0000
                Subject: FW: -30 %% this weekend
                To: <abuse@shop.example>
                MIME-Version: 1.0
                Message-ID: <%1$s@feedback.example.net>
                Content-Type: multipart/report; report-type=feedback-report;
                     boundary="part1_13d.2e68ed54_boundary"

                --part1_13d.2e68ed54_boundary
                Content-Type: text/plain; charset="US-ASCII"
                Content-Transfer-Encoding: 7bit

                This is an email abuse report for an email message received from IP
                192.0.2.1 on Sat, 5 Dec 2026 08:00:00 +0000.

                --part1_13d.2e68ed54_boundary
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                User-Agent: SomeGenerator/1.0
                Version: 1
                Original-Mail-From: <bounces@shop.example>
                Original-Rcpt-To: <%2$s>
                Arrival-Date: Sat, 5 Dec 2026 08:00:00 +0000
                Reporting-MTA: dns; mail.example.net
                Source-IP: 192.0.2.1
                Reported-Domain: shop.example

                --part1_13d.2e68ed54_boundary
                Content-Type: message/rfc822
                Content-Disposition: inline

                From: %3$s
                Received: from mx.shop.example (mx.shop.example [192.0.2.1]) by mail.example.net
                To: %2$s
                Subject: -30 %% this weekend
                Date: Sat, 5 Dec 2026 08:00:00 +0000
                Message-ID: <0f3b@shop.example>

                Bonjour, -30 %% ce week-end.

                --part1_13d.2e68ed54_boundary--
                """.formatted(id, recipient, from));
    }

    /** What a mail client sends for the List-Unsubscribe mailto link. */
    public static byte[] mailtoUnsubscribe(String id, String from, String to) {
        return crlf("""
                From: Camille Durand <%2$s>
                To: %3$s
                Subject: unsubscribe
                Date: Sat, 5 Dec 2026 09:30:00 +0100
                Message-ID: <%1$s@mail.example.org>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                """.formatted(id, from, to));
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
