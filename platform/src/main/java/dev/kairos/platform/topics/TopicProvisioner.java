package dev.kairos.platform.topics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.springframework.beans.factory.InitializingBean;

/**
 * Creates this service's topics before anything reads or writes them, then refuses to start when the
 * topics it joins do not have the same partition count: a join over differently partitioned topics
 * silently misses records.
 */
public class TopicProvisioner implements InitializingBean {

    private static final int DESCRIBE_ATTEMPTS = 50;
    private static final long DESCRIBE_PAUSE_MS = 200;

    private final TopicsProperties topics;
    private final Map<String, Object> adminSettings;

    public TopicProvisioner(TopicsProperties topics, Map<String, Object> adminSettings) {
        this.topics = topics;
        this.adminSettings = adminSettings;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        try (Admin admin = Admin.create(adminSettings)) {
            create(admin);
            checkCoPartitioned(admin);
        }
    }

    private void create(Admin admin) throws InterruptedException, ExecutionException {
        List<NewTopic> wanted = new ArrayList<>();
        for (String logical : topics.getProvision()) {
            TopicsProperties.Definition d = topics.definition(logical);
            Map<String, String> config = new HashMap<>();
            config.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                    d.isCompacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
            if (!d.isCompacted()) {
                config.put(TopicConfig.RETENTION_MS_CONFIG,
                        d.getRetention() == null ? "-1" : Long.toString(d.getRetention().toMillis()));
            }
            if (d.getMaxCompactionLag() != null) {
                config.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(d.getMaxCompactionLag().toMillis()));
            }
            if (d.getSegment() != null) {
                config.put(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(d.getSegment().toMillis()));
            }
            wanted.add(new NewTopic(d.getName(), Optional.of(topics.getPartitions()),
                    Optional.of(topics.getReplicationFactor())).configs(config));
        }
        var results = admin.createTopics(wanted).values();
        for (var result : results.values()) {
            try {
                result.get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The topics' descriptions. A topic created a moment ago is known to the controller before it is in the metadata
     * of the broker that answers, which then says it does not host it: ask again, for up to 10 s.
     */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> names)
            throws InterruptedException, ExecutionException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt >= DESCRIBE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(DESCRIBE_PAUSE_MS);
            }
        }
    }

    private void checkCoPartitioned(Admin admin) throws InterruptedException, ExecutionException {
        if (topics.getCoPartitioned().isEmpty()) {
            return;
        }
        List<String> names = topics.getCoPartitioned().stream().map(topics::name).toList();
        Map<String, TopicDescription> described = describe(admin, names);
        Map<String, Integer> counts = new TreeMap<>();
        described.forEach((name, description) -> counts.put(name, description.partitions().size()));
        // The service's own repartition topics get the configured count, so the joined topics must have it too.
        if (counts.values().stream().anyMatch(count -> count != topics.getPartitions())) {
            throw new IllegalStateException("Topics joined by this service are not co-partitioned: they must all have "
                    + topics.getPartitions() + " partitions (kairos.topics.partitions), found " + counts);
        }
    }
}
