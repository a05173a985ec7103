package dev.kairos.dispatch.templates;

import dev.kairos.dispatch.rendering.Template;
import dev.kairos.proto.dispatch.MessageContent;
import dev.kairos.proto.dispatch.MessageTemplate;
import dev.kairos.proto.serde.KairosSerdes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Stores templates on their compacted topic, keyed by template id, and waits for the broker's acknowledgement:
 * the latest record per id is the template, and every instance reads them back as a global table (ADR 0038).
 */
class TemplateTopic implements AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;

    TemplateTopic(Producer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** @throws TemplatesUnavailableException when the broker did not take it: nothing was stored */
    void put(Template template, Instant now) {
        try {
            producer.send(new ProducerRecord<>(topic, template.templateId(),
                    KairosSerdes.messageTemplate().encode(record(template, now)))).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TemplatesUnavailableException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TemplatesUnavailableException(e);
        }
    }

    private static MessageTemplate record(Template t, Instant now) {
        Map<String, Map<String, MessageContent>> locales = new HashMap<>();
        t.locales().forEach((locale, content) -> {
            Map<String, MessageContent> channels = new HashMap<>();
            content.forEach((channel, p) -> {
                if (p != null) {
                    channels.put(channel, new MessageContent(p.subject(), p.text(), p.html()));
                }
            });
            locales.put(locale, channels);
        });
        return MessageTemplate.newBuilder().setEventId(UUID.randomUUID().toString()).setTemplateId(t.templateId())
                .setDefaultLocale(t.defaultLocale()).setVariables(t.variables()).setLocales(locales).setUpdatedAt(now)
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }

    static class TemplatesUnavailableException extends RuntimeException {
        TemplatesUnavailableException(Throwable cause) {
            super("The templates topic is unavailable", cause);
        }
    }
}
