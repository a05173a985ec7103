/**
 * SMS over SMPP 3.4 (jSMPP): one transceiver bind kept alive and re-bound with backoff, sends within a window and
 * a throughput limit, texts encoded and split by {@code dev.kairos.platform.sms.SmsText}; what the SMSC delivers
 * back (texts from handsets, delivery receipts) is kept on Kafka before it is acknowledged, then turned into
 * channel signals, keyword replies and outcomes (ADR 0032).
 */
package dev.kairos.dispatch.channels.sms;
