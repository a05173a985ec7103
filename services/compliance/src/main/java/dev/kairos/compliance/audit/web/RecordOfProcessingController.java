package dev.kairos.compliance.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The GDPR art. 30 record of processing, served by the service that keeps the proof. One document
 * (audit/record-of-processing.json) is the source of both forms, JSON and markdown, so they cannot differ;
 * the controller's name and contact come from configuration.
 */
@RestController
class RecordOfProcessingController {

    static final String MARKDOWN = "text/markdown";

    private final JsonNode document;

    RecordOfProcessingController(JsonMapper json, @Value("${kairos.compliance.controller}") String controller,
                                 @Value("${kairos.compliance.controller-contact}") String contact) throws IOException {
        try (InputStream in = new ClassPathResource("audit/record-of-processing.json").getInputStream()) {
            ObjectNode read = (ObjectNode) json.readTree(in);
            read.set("controller", json.valueToTree(Map.of("name", controller, "contact", contact)));
            this.document = read;
        }
    }

    @Operation(summary = "The record of processing activities (GDPR art. 30), as JSON",
            description = "With Accept: text/markdown, the same document as markdown. Needs the audit:read scope.")
    @GetMapping(value = "/api/v1/audit/record-of-processing", produces = MediaType.APPLICATION_JSON_VALUE)
    JsonNode json() {
        return document;
    }

    @GetMapping(value = "/api/v1/audit/record-of-processing", produces = MARKDOWN + ";charset=UTF-8")
    String markdown() {
        StringBuilder md = new StringBuilder("# ").append(document.get("title").asString()).append("\n\n");
        JsonNode controller = document.get("controller");
        md.append("**Controller:** ").append(controller.get("name").asString())
                .append(" (").append(controller.get("contact").asString()).append(")\n");
        for (JsonNode activity : document.get("processingActivities")) {
            md.append("\n## ").append(activity.get("name").asString()).append("\n");
            for (Map.Entry<String, JsonNode> field : activity.properties()) {
                if (field.getKey().equals("name")) {
                    continue;
                }
                md.append("\n### ").append(heading(field.getKey())).append("\n\n");
                if (field.getValue().isArray()) {
                    field.getValue().forEach(item -> md.append("- ").append(item.asString()).append("\n"));
                } else {
                    md.append(field.getValue().asString()).append("\n");
                }
            }
        }
        return md.toString();
    }

    /** {@code dataCategories} → {@code Data categories}. */
    private static String heading(String camelCase) {
        String spaced = camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
