package dev.kairos.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each Kustomize overlay renders, and every resource it renders is what the cluster would accept as written:
 * built-in kinds read completely into fabric8's typed models, the operators' kinds validate against their
 * CRDs' schemas, nothing carries a field that would be dropped or refused.
 */
class RenderedManifestsTest {

    private static final CrdSchemas CRDS = new CrdSchemas();

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyRenderedResourceParsesStrictly(String overlay) {
        List<JsonNode> resources = DeploymentTree.repository().render(overlay);

        List<String> problems = new ArrayList<>();
        resources.forEach(resource -> problems.addAll(problems(resource)));

        assertThat(resources).hasSizeGreaterThan(40);
        assertThat(problems).isEmpty();
    }

    @Test
    void anUnknownFieldOrAWrongTypeFails() {
        List<JsonNode> resources = DeploymentTree.repository().render("production");
        JsonNode deployment = first(resources, "Deployment").deepCopy();
        ((ObjectNode) deployment.path("spec")).put("replicaz", 3);
        JsonNode topic = first(resources, "KafkaTopic").deepCopy();
        ((ObjectNode) topic.path("spec")).put("partition", 12);
        JsonNode user = first(resources, "KafkaUser").deepCopy();
        ((ObjectNode) user.path("spec").path("authorization").path("acls").path(0).path("resource")).put("type", "topics");
        JsonNode cluster = first(resources, "Cluster").deepCopy();
        ((ObjectNode) cluster.path("spec")).put("instances", "three");

        assertThat(problems(deployment)).singleElement().asString().contains("replicaz");
        assertThat(problems(topic)).singleElement().asString().contains("spec.partition: unknown field");
        assertThat(problems(user)).singleElement().asString().contains("\"topics\" is none of");
        assertThat(problems(cluster)).singleElement().asString().contains("spec.instances: expected an integer");
    }

    private static List<String> problems(JsonNode resource) {
        return CRDS.knowsGroupOf(resource) ? CRDS.problems(resource) : StrictKubernetesModel.problems(resource);
    }

    private static JsonNode first(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asString().equals(kind)).findFirst().orElseThrow();
    }
}
