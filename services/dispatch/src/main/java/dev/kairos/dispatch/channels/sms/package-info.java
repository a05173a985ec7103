/** SMS: the local end, one text file per message, until an SMPP provider is connected. */
package dev.kairos.dispatch.channels.sms;
