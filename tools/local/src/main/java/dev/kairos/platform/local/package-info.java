/** The one-command local run: local token issuer, embedded PostgreSQL, a forked KRaft broker and the three services. */
package dev.kairos.platform.local;
