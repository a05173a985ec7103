/** The compliance benchmark that bench/compliance.sh runs: appends, verification and export against real PostgreSQL. */
package dev.kairos.compliance.bench;
