/**
 * SMS text rules shared by dispatch (which sends and receives texts) and the local SMSC simulator: the
 * opt-out and HELP keywords, and how a text is encoded (GSM 7-bit or UCS-2) and split into concatenated parts.
 */
package dev.kairos.platform.sms;
