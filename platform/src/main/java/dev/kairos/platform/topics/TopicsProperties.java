package dev.kairos.platform.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topic table (names, cleanup, retention) from {@code kairos-topics.yml}, and which topics this
 * service creates and which it joins. Code names topics by their logical key, e.g. {@code contact-preferences}.
 */
@ConfigurationProperties("kairos.topics")
public class TopicsProperties {

    /** Partitions of every topic this service creates; joined topics must all have the same count. */
    private int partitions = 3;
    private short replicationFactor = 1;
    private Map<String, Definition> catalogue = new LinkedHashMap<>();
    /** Logical names of the topics this service makes sure exist at start-up. */
    private List<String> provision = new ArrayList<>();
    /** Logical names of the topics this service joins; start-up fails unless they are co-partitioned. */
    private List<String> coPartitioned = new ArrayList<>();

    public String name(String logical) {
        Definition definition = catalogue.get(logical);
        if (definition == null) {
            throw new IllegalArgumentException("No topic '" + logical + "' in kairos.topics.catalogue");
        }
        return definition.getName();
    }

    public Definition definition(String logical) {
        name(logical);
        return catalogue.get(logical);
    }

    public int getPartitions() { return partitions; }
    public void setPartitions(int partitions) { this.partitions = partitions; }
    public short getReplicationFactor() { return replicationFactor; }
    public void setReplicationFactor(short replicationFactor) { this.replicationFactor = replicationFactor; }
    public Map<String, Definition> getCatalogue() { return catalogue; }
    public void setCatalogue(Map<String, Definition> catalogue) { this.catalogue = catalogue; }
    public List<String> getProvision() { return provision; }
    public void setProvision(List<String> provision) { this.provision = provision; }
    public List<String> getCoPartitioned() { return coPartitioned; }
    public void setCoPartitioned(List<String> coPartitioned) { this.coPartitioned = coPartitioned; }

    public static class Definition {
        private String name;
        private boolean compacted;
        /** Null keeps records forever. */
        private Duration retention;
        /**
         * Compacted topics holding personal data: how long a record may wait before compaction removes what a
         * newer one (a tombstone after an erasure) replaces, and how long a segment stays open (the active
         * segment is never compacted). Null leaves the broker's default, which bounds neither.
         */
        private Duration maxCompactionLag;
        private Duration segment;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public boolean isCompacted() { return compacted; }
        public void setCompacted(boolean compacted) { this.compacted = compacted; }
        public Duration getRetention() { return retention; }
        public void setRetention(Duration retention) { this.retention = retention; }
        public Duration getMaxCompactionLag() { return maxCompactionLag; }
        public void setMaxCompactionLag(Duration maxCompactionLag) { this.maxCompactionLag = maxCompactionLag; }
        public Duration getSegment() { return segment; }
        public void setSegment(Duration segment) { this.segment = segment; }
    }
}
