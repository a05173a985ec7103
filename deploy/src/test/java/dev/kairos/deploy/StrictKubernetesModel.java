package dev.kairos.deploy;

import tools.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a resource of a built-in Kubernetes kind into fabric8's typed model, strictly: a field of the wrong
 * type fails in Jackson, and a field the model does not know (which fabric8 keeps aside in
 * {@code additionalProperties} instead of failing) is reported with its path.
 */
final class StrictKubernetesModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictKubernetesModel() {
    }

    /** What is wrong with the resource; empty when it reads completely into its typed model. */
    static List<String> problems(JsonNode resource) {
        String name = resource.path("kind").asString() + "/" + resource.path("metadata").path("name").asString();
        KubernetesResource typed;
        try {
            typed = SERIALIZATION.convertValue(resource, KubernetesResource.class);
        } catch (RuntimeException e) {
            return List.of(name + ": does not read as its model: " + e.getMessage());
        }
        if (typed instanceof GenericKubernetesResource) {
            return List.of(name + ": " + resource.path("apiVersion").asString() + " is no built-in kind and no CRD here");
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, name, problems);
        return problems;
    }

    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field = invoke(getter, value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + unknown.keySet());
                }
            } else {
                unknownFields(field, path + "." + property(getter.getName()), problems);
            }
        }
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " failed", e);
        }
    }

    private static String property(String getter) {
        String bare = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return bare.isEmpty() ? bare : Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }
}
