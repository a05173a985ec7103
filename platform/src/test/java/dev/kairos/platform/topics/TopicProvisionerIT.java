package dev.kairos.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.platform.testing.TestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** Topic creation at start-up and the refusal to start on topics that are not co-partitioned. */
class TopicProvisionerIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void createsTheServicesTopicsWithTheConfiguredPartitionsAndCleanup() throws Exception {
        TopicsProperties topics = topics(Map.of("snapshots", definition("it.snapshots-" + run, true, null),
                "events", definition("it.events-" + run, false, Duration.ofDays(7))), List.of("snapshots", "events"), List.of());

        new TopicProvisioner(topics, admin()).afterPropertiesSet();
        new TopicProvisioner(topics, admin()).afterPropertiesSet(); // a second start finds them and carries on

        try (Admin admin = Admin.create(admin())) {
            var described = admin.describeTopics(List.of("it.snapshots-" + run, "it.events-" + run)).allTopicNames().get();
            assertThat(described.values()).allSatisfy(d -> assertThat(d.partitions()).hasSize(4));
            var configs = admin.describeConfigs(List.of(
                    new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                            "it.snapshots-" + run))).all().get().values().iterator().next();
            assertThat(configs.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        }
    }

    @Test
    void boundsHowLongACompactedTopicKeepsWhatATombstoneReplaces() throws Exception {
        TopicsProperties.Definition personal = definition("it.personal-" + run, true, null);
        personal.setMaxCompactionLag(Duration.ofDays(7));
        personal.setSegment(Duration.ofDays(1));
        new TopicProvisioner(topics(Map.of("personal", personal), List.of("personal"), List.of()), admin())
                .afterPropertiesSet();

        try (Admin admin = Admin.create(admin())) {
            var configs = admin.describeConfigs(List.of(
                    new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                            "it.personal-" + run))).all().get().values().iterator().next();
            assertThat(configs.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG).value()).isEqualTo("604800000");
            assertThat(configs.get(TopicConfig.SEGMENT_MS_CONFIG).value()).isEqualTo("86400000");
        }
    }

    @Test
    void startsWhenJoinedTopicsHaveTheConfiguredPartitionCount() throws Exception {
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic("it.a-" + run, 4, (short) 1),
                    new NewTopic("it.b-" + run, 4, (short) 1))).all().get();
        }
        TopicsProperties topics = topics(Map.of("a", definition("it.a-" + run, true, null),
                "b", definition("it.b-" + run, true, null)), List.of(), List.of("a", "b"));

        new TopicProvisioner(topics, admin()).afterPropertiesSet();
    }

    @Test
    void refusesToStartWhenJoinedTopicsHaveDifferentPartitionCounts() throws Exception {
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic("it.left-" + run, 3, (short) 1),
                    new NewTopic("it.right-" + run, 5, (short) 1))).all().get();
        }
        TopicsProperties topics = topics(Map.of("left", definition("it.left-" + run, true, null),
                "right", definition("it.right-" + run, true, null)), List.of(), List.of("left", "right"));

        assertThatThrownBy(() -> new TopicProvisioner(topics, admin()).afterPropertiesSet())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not co-partitioned")
                .hasMessageContaining("it.left-" + run + "=3")
                .hasMessageContaining("it.right-" + run + "=5");
    }

    private static Map<String, Object> admin() {
        return Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers());
    }

    private static TopicsProperties topics(Map<String, TopicsProperties.Definition> catalogue, List<String> provision,
                                           List<String> coPartitioned) {
        TopicsProperties topics = new TopicsProperties();
        topics.setPartitions(4);
        topics.setCatalogue(catalogue);
        topics.setProvision(provision);
        topics.setCoPartitioned(coPartitioned);
        return topics;
    }

    private static TopicsProperties.Definition definition(String name, boolean compacted, Duration retention) {
        TopicsProperties.Definition d = new TopicsProperties.Definition();
        d.setName(name);
        d.setCompacted(compacted);
        d.setRetention(retention);
        return d;
    }
}
