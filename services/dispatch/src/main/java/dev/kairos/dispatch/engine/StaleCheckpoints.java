package dev.kairos.dispatch.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.internals.OffsetCheckpoint;

/**
 * Finds the offsets that the local state folder checkpointed (per task and for the global stores) and the
 * broker no longer has: the broker's data was wiped, or the topics deleted and created again, while the
 * folder was kept. Kafka Streams trusts such a checkpoint, skips restoring and then fails on an offset out
 * of range (the global thread stops the whole application in ERROR), so these folders must go first.
 */
final class StaleCheckpoints {

    private static final String CHECKPOINT_FILE = ".checkpoint";

    private StaleCheckpoints() {
    }

    /** The checkpointed partitions the broker lacks or whose end lies before the checkpoint. */
    static List<TopicPartition> stale(Map<TopicPartition, Long> checkpointed, Map<TopicPartition, Long> endOffsets) {
        List<TopicPartition> stale = new ArrayList<>();
        checkpointed.forEach((partition, offset) -> {
            Long end = endOffsets.get(partition);
            // Negative offsets are Kafka Streams' "unknown" sentinels: nothing to compare.
            if (offset >= 0 && (end == null || offset > end)) {
                stale.add(partition);
            }
        });
        stale.sort((a, b) -> a.toString().compareTo(b.toString()));
        return stale;
    }

    /** Every offset checkpointed under an application's state folder ({@code <state.dir>/<application.id>}). */
    static Map<TopicPartition, Long> checkpointed(Path applicationStateDir) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (!Files.isDirectory(applicationStateDir)) {
            return offsets;
        }
        // <task>/.checkpoint and global/.checkpoint: one level below the application folder.
        try (Stream<Path> files = Files.find(applicationStateDir, 2,
                (path, attributes) -> attributes.isRegularFile() && path.getFileName().toString().equals(CHECKPOINT_FILE))) {
            for (Path file : files.toList()) {
                offsets.putAll(new OffsetCheckpoint(file.toFile()).read());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the checkpoints under " + applicationStateDir, e);
        }
        return offsets;
    }

    /** The end offsets of these partitions on the broker; a partition the broker does not have is left out. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<TopicPartition> partitions, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        // Only ask for partitions that exist: the admin client retries an unknown one until its timeout.
        Set<String> topics = new HashSet<>();
        partitions.forEach(p -> topics.add(p.topic()));
        Set<String> existing = new HashSet<>(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        topics.retainAll(existing);
        Map<String, TopicDescription> described = topics.isEmpty() ? Map.of()
                : admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition partition : partitions) {
            TopicDescription topic = described.get(partition.topic());
            if (topic != null && partition.partition() < topic.partitions().size()) {
                latest.put(partition, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!latest.isEmpty()) {
            admin.listOffsets(latest).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
        }
        return ends;
    }
}
