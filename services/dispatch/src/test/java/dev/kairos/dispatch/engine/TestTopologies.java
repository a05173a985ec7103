package dev.kairos.dispatch.engine;

import dev.kairos.platform.topics.TopicsProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/** What the topology tests drive the decision topology with: topics named by their logical names. */
final class TestTopologies {

    private TestTopologies() {
    }

    /** Every topic of the topology, one partition each, named as its logical name. */
    static TopicsProperties topics() {
        TopicsProperties topics = new TopicsProperties();
        for (String name : List.of("topics", "contact-preferences", "consents", "suppressions", "erasures", "requests",
                "priority-requests", "outcomes", "send-email", "send-sms", "send-mail", "priority-send-email",
                "priority-send-sms", "priority-send-mail", "dead-letters", "templates")) {
            TopicsProperties.Definition definition = new TopicsProperties.Definition();
            definition.setName(name);
            topics.getCatalogue().put(name, definition);
        }
        topics.setPartitions(1);
        return topics;
    }

    static Properties settings(String applicationId) throws IOException {
        Properties settings = new Properties();
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        settings.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
        return settings;
    }
}
