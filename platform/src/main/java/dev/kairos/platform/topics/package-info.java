/** The topic table as configuration, topic creation at start-up and the co-partitioning check. */
package dev.kairos.platform.topics;
