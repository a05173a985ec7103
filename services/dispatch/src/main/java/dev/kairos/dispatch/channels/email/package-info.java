/** Email over SMTP: composition (Message-ID, List-Unsubscribe, postal footer), DKIM signing, the local SMTP server. */
package dev.kairos.dispatch.channels.email;
