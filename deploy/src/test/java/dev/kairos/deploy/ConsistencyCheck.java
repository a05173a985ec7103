package dev.kairos.deploy;

import tools.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whether a source tree's deployment agrees with itself and with the code: topics, ports, environment
 * variables, images, Kafka ACLs and alert metrics. Each disagreement is one finding naming both places.
 */
final class ConsistencyCheck {

    /** Variables with an empty default that a service runs without (an unset feature, not a missing secret). */
    private static final Set<String> OPTIONAL = Set.of("KAIROS_DISPATCH_INSTANCE_ID", "KAIROS_DKIM_PRIVATE_KEY",
            "KAIROS_SMPP_SYSTEM_TYPE", "KAIROS_SMTP_USERNAME", "KAIROS_SMTP_PASSWORD", "KAIROS_PRIVACY_POLICY_URL",
            "KAIROS_PRIVACY_POLICY_VERSION");
    /** Spring Boot binds these itself (relaxed binding of spring.*, server.*, management.*, logging.*). */
    private static final List<String> BOOT_PREFIXES = List.of("SPRING_", "SERVER_", "MANAGEMENT_", "LOGGING_");
    /**
     * Kairos properties no application.yml maps to a variable, bound by relaxed binding alone:
     * kairos.topics.replication-factor (TopicsProperties) and kairos.dispatch.advertised-host (EngineConfiguration).
     */
    private static final Set<String> RELAXED = Set.of("KAIROS_TOPICS_REPLICATIONFACTOR", "KAIROS_DISPATCH_ADVERTISED_HOST");
    /** Secrets that the operators create: Strimzi's cluster CA; Kafka users' and database owners' by suffix. */
    private static final Set<String> OPERATOR_SECRETS = Set.of("kairos-cluster-ca-cert");
    /** The SMSC simulator: its module, and its service in docker-compose.yml (the host dispatch binds to). */
    private static final String SMSC_MODULE = "tools/smsc";
    private static final String SMSC = "smsc";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)");
    private static final Pattern EMPTY_DEFAULT = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+):}");
    private static final Pattern METRIC = Pattern.compile("\\b(kairos_[a-z0-9_]+)");
    /** management.metrics.distribution.percentiles-histogram.*, as a variable in Prometheus form. */
    private static final String HISTOGRAM_VARIABLE = "management_metrics_distribution_percentileshistogram_";
    /** The dashboards, Compose's and the monitoring component's (Kustomize reads files inside a component only). */
    static final String DASHBOARDS = "deploy/components/monitoring/dashboards";

    private final DeploymentTree tree;
    private final List<String> findings = new ArrayList<>();
    private final Map<String, List<JsonNode>> overlays = new LinkedHashMap<>();
    private JsonNode compose;
    private MeterCatalogue meters;

    ConsistencyCheck(DeploymentTree tree) {
        this.tree = tree;
    }

    List<String> run() {
        for (String overlay : DeploymentTree.OVERLAYS) {
            overlays.put(overlay, tree.render(overlay));
        }
        compose = tree.compose();
        meters = MeterCatalogue.of(tree);
        topics();
        acls();
        for (String service : DeploymentTree.SERVICES) {
            ports(service);
            variables(service);
            images(service);
        }
        smsc();
        secrets();
        alerts();
        dashboards();
        return findings;
    }

    // ---- topics

    private void topics() {
        Map<String, JsonNode> catalogue = catalogue();
        Set<String> table = readmeTopics();
        Set<String> named = catalogue.values().stream().map(t -> t.path("name").asString())
                .collect(Collectors.toCollection(TreeSet::new));
        compare("topic", "proto/README.md", table, "the topic table (kairos-topics.yml, application.yml)", named);
        for (String service : DeploymentTree.SERVICES) {
            for (JsonNode key : Yaml.at(applicationYml(service), "kairos.topics.provision")) {
                if (!catalogue.containsKey(key.asString())) {
                    findings.add("topic key " + key.asString() + ": provisioned by " + service + " but not in the topic table");
                }
            }
        }
        overlays.forEach((overlay, resources) -> {
            Map<String, JsonNode> declared = new TreeMap<>();
            kinds(resources, "KafkaTopic").forEach(t -> declared.put(t.path("spec").path("topicName").asString(), t));
            compare("topic", "the topic table", named, "KafkaTopics of overlay " + overlay, declared.keySet());
            String partitions = configMap(resources, "kairos-config").path("KAIROS_TOPIC_PARTITIONS").asString();
            catalogue.values().forEach(topic -> {
                JsonNode resource = declared.get(topic.path("name").asString());
                if (resource != null) {
                    topicSettings(overlay, topic, resource.path("spec"), partitions);
                }
            });
        });
    }

    private void topicSettings(String overlay, JsonNode topic, JsonNode spec, String partitions) {
        String name = topic.path("name").asString();
        JsonNode config = spec.path("config");
        boolean compacted = topic.path("compacted").asBoolean();
        expectEqual("topic " + name + " in overlay " + overlay + ": cleanup.policy",
                compacted ? "compact" : "delete", config.path("cleanup.policy").asString());
        if (!compacted) {
            String retention = topic.has("retention") ? Long.toString(millis(topic.path("retention").asString())) : "-1";
            expectEqual("topic " + name + " in overlay " + overlay + ": retention.ms", retention,
                    config.path("retention.ms").asString());
        }
        if (topic.has("max-compaction-lag")) {
            expectEqual("topic " + name + " in overlay " + overlay + ": max.compaction.lag.ms",
                    Long.toString(millis(topic.path("max-compaction-lag").asString())),
                    config.path("max.compaction.lag.ms").asString());
        }
        if (topic.has("segment")) {
            expectEqual("topic " + name + " in overlay " + overlay + ": segment.ms",
                    Long.toString(millis(topic.path("segment").asString())), config.path("segment.ms").asString());
        }
        expectEqual("topic " + name + " in overlay " + overlay + ": partitions (KAIROS_TOPIC_PARTITIONS)",
                partitions, spec.path("partitions").asString());
    }

    /** Every topic of the shared table and of each service's own catalogue, by key. */
    Map<String, JsonNode> catalogue() {
        Map<String, JsonNode> catalogue = new TreeMap<>();
        Yaml.at(Yaml.file(tree.path("platform/src/main/resources/kairos-topics.yml")), "kairos.topics.catalogue")
                .properties().forEach(e -> catalogue.put(e.getKey(), e.getValue()));
        for (String service : DeploymentTree.SERVICES) {
            Yaml.at(applicationYml(service), "kairos.topics.catalogue")
                    .properties().forEach(e -> catalogue.put(e.getKey(), e.getValue()));
        }
        return catalogue;
    }

    /** The first column of proto/README.md's topic table; {@code send-{email,sms}} names two topics. */
    Set<String> readmeTopics() {
        Set<String> topics = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([a-z0-9.{},-]+)`").matcher(tree.read("proto/README.md"));
        while (row.find()) {
            Matcher braces = Pattern.compile("\\{([^}]*)}").matcher(row.group(1));
            if (braces.find()) {
                for (String part : braces.group(1).split(",")) {
                    topics.add(row.group(1).substring(0, braces.start()) + part + row.group(1).substring(braces.end()));
                }
            } else {
                topics.add(row.group(1));
            }
        }
        return topics;
    }

    // ---- Kafka users

    private void acls() {
        Set<String> table = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| (topic|group|transactional id) \\| ([^|]+) \\| ([^|]+) \\|")
                .matcher(tree.read("docs/security.md"));
        while (row.find()) {
            String name = row.group(3).trim();
            String pattern = name.startsWith("prefixed") ? "prefix" : "literal";
            name = name.replace("prefixed", "").replace("`", "").trim();
            for (String operation : row.group(4).split(",")) {
                table.add(String.join(" ", row.group(1), row.group(2).replace("transactional id", "transactionalId"),
                        pattern, name, operation.trim().toLowerCase()));
            }
        }
        overlays.forEach((overlay, resources) -> {
            Set<String> granted = new TreeSet<>();
            kinds(resources, "KafkaUser").forEach(user -> user.path("spec").path("authorization").path("acls").forEach(acl -> {
                JsonNode resource = acl.path("resource");
                acl.path("operations").forEach(operation -> granted.add(String.join(" ",
                        user.path("metadata").path("name").asString(), resource.path("type").asString(),
                        resource.path("patternType").asString("literal"), resource.path("name").asString(),
                        operation.asString().toLowerCase())));
            }));
            compare("ACL", "docs/security.md", table, "KafkaUsers of overlay " + overlay, granted);
        });
    }

    // ---- ports

    private void ports(String service) {
        String port = defaultOf(applicationYml(service).path("server").path("port").asString(), "SERVER_PORT");
        JsonNode composed = compose.path("services").path(service);
        expectEqual(service + ": SERVER_PORT in docker-compose.yml", port, composed.path("environment").path("SERVER_PORT").asString());
        Set<String> published = new TreeSet<>();
        composed.path("ports").forEach(p -> published.add(p.isObject() ? p.path("target").asString()
                : p.asString().replaceAll(".*:", "")));
        expectEqual(service + ": container port published in docker-compose.yml", Set.of(port), published);
        Matcher target = Pattern.compile("\"" + service + ":(\\d+)\"").matcher(tree.read("deploy/compose/prometheus.yml"));
        expectEqual(service + ": scrape target in deploy/compose/prometheus.yml", port, target.find() ? target.group(1) : "none");
        expectEqual(service + ": kairos.image.port in services/" + service + "/pom.xml", port,
                xmlProperty(tree.read("services/" + service + "/pom.xml"), "kairos.image.port"));
        overlays.forEach((overlay, resources) -> {
            JsonNode container = container(resources, service);
            expectEqual(service + ": containerPort in overlay " + overlay, port,
                    container.path("ports").path(0).path("containerPort").asString());
            expectEqual(service + ": SERVER_PORT in overlay " + overlay, port, environment(resources, container).get("SERVER_PORT"));
            resources.stream().filter(r -> r.path("kind").asString().equals("Service")
                            && r.path("metadata").path("name").asString().equals(service))
                    .forEach(s -> expectEqual(service + ": Service port in overlay " + overlay, port,
                            s.path("spec").path("ports").path(0).path("port").asString()));
        });
        // Where the other services call it.
        String url = "KAIROS_" + service.toUpperCase() + "_URL";
        String compliance = "compliance";
        if (!service.equals(compliance)) {
            expectEqual(url + " of compliance in docker-compose.yml", "http://" + service + ":" + port,
                    compose.path("services").path(compliance).path("environment").path(url).asString());
            overlays.forEach((overlay, resources) -> expectEqual(url + " of compliance in overlay " + overlay,
                    "http://" + service + ":" + port, environment(resources, container(resources, compliance)).get(url)));
        }
    }

    // ---- environment variables

    private void variables(String service) {
        Set<String> read = readVariables(service);
        Set<String> required = new TreeSet<>();
        Matcher empty = EMPTY_DEFAULT.matcher(tree.read(applicationYmlPath(service)));
        while (empty.find()) {
            if (!OPTIONAL.contains(empty.group(1))) {
                required.add(empty.group(1));
            }
        }
        Map<String, Set<String>> sets = new LinkedHashMap<>();
        Set<String> composed = new TreeSet<>();
        compose.path("services").path(service).path("environment").propertyNames().forEach(composed::add);
        sets.put("docker-compose.yml", composed);
        overlays.forEach((overlay, resources) ->
                sets.put("overlay " + overlay, environment(resources, container(resources, service)).keySet()));
        composed.addAll(configTreeVariables(service));
        sets.forEach((where, names) -> {
            for (String name : names) {
                if (BOOT_PREFIXES.stream().noneMatch(name::startsWith) && !read.contains(name) && !RELAXED.contains(name)) {
                    findings.add(service + ": " + where + " sets " + name + ", which the service never reads");
                }
            }
            for (String name : required) {
                if (!names.contains(name)) {
                    findings.add(service + ": " + where + " does not set " + name + ", which the service needs");
                }
            }
        });
    }

    /**
     * The variables docker-compose.yml gives a service as files instead (a configtree location, files named
     * after the properties): each variable whose property's name the file writes.
     */
    private Set<String> configTreeVariables(String service) {
        Set<String> variables = new TreeSet<>();
        String locations = compose.path("services").path(service).path("environment").path("SPRING_CONFIG_ADDITIONAL_LOCATION")
                .asString();
        if (!locations.contains("configtree:")) {
            return variables;
        }
        // Compose secrets under /run/secrets, each file named after the placeholder it fills.
        if (locations.contains("configtree:/run/secrets/")) {
            secretTargets(service).keySet().stream().filter(name -> name.matches("[A-Z][A-Z0-9_]+")).forEach(variables::add);
        }
        String composeText = tree.read("docker-compose.yml");
        flatten("", applicationYml(service), (key, value) -> {
            Matcher variable = VARIABLE.matcher(value);
            if (variable.find() && Pattern.compile("/" + Pattern.quote(key) + "(?![\\w.-])").matcher(composeText).find()) {
                variables.add(variable.group(1));
            }
        });
        return variables;
    }

    /** A service's Compose secrets: the file name under /run/secrets (the target), and the secret it holds. */
    private Map<String, String> secretTargets(String service) {
        Map<String, String> targets = new LinkedHashMap<>();
        compose.path("services").path(service).path("secrets").forEach(secret -> {
            if (secret.isObject()) {
                String source = secret.path("source").asString();
                targets.put(secret.path("target").asString(source), source);
            } else {
                targets.put(secret.asString(), secret.asString());
            }
        });
        return targets;
    }

    private static void flatten(String prefix, JsonNode node, java.util.function.BiConsumer<String, String> leaf) {
        if (node.isObject()) {
            node.properties().forEach(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), leaf));
        } else if (node.isValueNode()) {
            leaf.accept(prefix, node.asString());
        }
    }

    /** The variables a service's configuration reads: its application.yml and the platform's files. */
    private Set<String> readVariables(String service) {
        Set<String> read = new TreeSet<>();
        List<Path> files = new ArrayList<>(List.of(tree.path(applicationYmlPath(service))));
        try (Stream<Path> platform = Files.walk(tree.path("platform/src/main/resources"))) {
            platform.filter(p -> p.toString().endsWith(".yml")).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            Matcher matcher = VARIABLE.matcher(read(file));
            while (matcher.find()) {
                read.add(matcher.group(1));
            }
        }
        return read;
    }

    // ---- images

    private void images(String service) {
        String pom = tree.read("services/" + service + "/pom.xml");
        String artifact = element(pom.substring(pom.indexOf("</parent>")), "artifactId");
        String image = artifact + ":" + element(tree.read("pom.xml").substring(tree.read("pom.xml").indexOf("</parent>")), "version");
        expectEqual(service + ": jib.skip in services/" + service + "/pom.xml", "false", xmlProperty(pom, "jib.skip"));
        expectEqual(service + ": image in docker-compose.yml", image, compose.path("services").path(service).path("image").asString());
        expectEqual(service + ": image in overlay local", image, container(overlays.get("local"), service).path("image").asString());
        String production = container(overlays.get("production"), service).path("image").asString();
        if (!production.matches(".+/" + Pattern.quote(artifact) + ":[^:/]+")) {
            findings.add(service + ": image in overlay production is " + production
                    + ", not <registry>/" + artifact + ":<tag> as the images profile pushes it");
        }
    }

    // ---- the SMSC simulator

    /**
     * The {@code smsc} service of docker-compose.yml runs the simulator's image (tools/smsc) with variables its
     * {@code SmscMain} reads, and dispatch binds to it there: same host, port, system id and password. The one
     * exception to "Compose and the overlays run the same things": no overlay runs the simulator, since a
     * Kubernetes deployment sends texts through a real SMSC (KAIROS_SMPP_HOST of its kairos-config).
     */
    private void smsc() {
        String pom = tree.read(SMSC_MODULE + "/pom.xml");
        String artifact = element(pom.substring(pom.indexOf("</parent>")), "artifactId");
        String image = artifact + ":" + element(tree.read("pom.xml").substring(tree.read("pom.xml").indexOf("</parent>")), "version");
        JsonNode simulator = compose.path("services").path(SMSC);
        expectEqual("smsc: jib.skip in " + SMSC_MODULE + "/pom.xml", "false", xmlProperty(pom, "jib.skip"));
        expectEqual("smsc: image in docker-compose.yml", image, simulator.path("image").asString());
        JsonNode environment = simulator.path("environment");
        String main = tree.read(SMSC_MODULE + "/src/main/java/dev/kairos/platform/smsc/SmscMain.java");
        Set<String> read = new TreeSet<>();
        Matcher variable = Pattern.compile("\"([A-Z][A-Z0-9_]+)\"").matcher(main);
        while (variable.find()) {
            read.add(variable.group(1));
        }
        environment.propertyNames().forEach(name -> {
            if (!read.contains(name)) {
                findings.add("smsc: docker-compose.yml sets " + name + ", which SmscMain never reads");
            }
        });
        String smppPort = environment.path("KAIROS_SMPP_PORT").asString(xmlProperty(pom, "kairos.image.port"));
        Set<String> imagePorts = new TreeSet<>(List.of(xmlProperty(pom, "kairos.image.port")));
        Matcher port = Pattern.compile("<port>(\\d+)</port>").matcher(pom);
        while (port.find()) {
            imagePorts.add(port.group(1));
        }
        expectEqual("smsc: KAIROS_SMPP_PORT in docker-compose.yml among the image's ports " + imagePorts, true,
                imagePorts.contains(smppPort));
        simulator.path("ports").forEach(p -> {
            String target = p.isObject() ? p.path("target").asString() : p.asString().replaceAll(".*:|/.*", "");
            if (!imagePorts.contains(target) || !target.equals(environment.path("KAIROS_HANDSETS_PORT").asString())) {
                findings.add("smsc: docker-compose.yml publishes port " + target
                        + ", not the handset console's (KAIROS_HANDSETS_PORT, one of the image's ports " + imagePorts + ")");
            }
        });
        JsonNode dispatch = compose.path("services").path("dispatch").path("environment");
        expectEqual("dispatch: KAIROS_SMPP_HOST in docker-compose.yml", SMSC, dispatch.path("KAIROS_SMPP_HOST").asString());
        expectEqual("dispatch: KAIROS_SMPP_PORT in docker-compose.yml", smppPort, dispatch.path("KAIROS_SMPP_PORT").asString());
        expectEqual("dispatch: KAIROS_SMPP_SYSTEM_ID in docker-compose.yml",
                environment.path("KAIROS_SMPP_SYSTEM_ID").asString(), dispatch.path("KAIROS_SMPP_SYSTEM_ID").asString());
        String simulatorsPassword = environment.path("KAIROS_SMPP_PASSWORD_FILE").asString().replaceFirst("^/run/secrets/", "");
        if (secretTargets("dispatch").get("KAIROS_SMPP_PASSWORD") == null) {
            findings.add("dispatch: docker-compose.yml gives no secret named KAIROS_SMPP_PASSWORD");
        }
        expectEqual("dispatch: the secret of KAIROS_SMPP_PASSWORD in docker-compose.yml (the simulator's)",
                secretTargets(SMSC).get(simulatorsPassword), secretTargets("dispatch").get("KAIROS_SMPP_PASSWORD"));
        overlays.forEach((overlay, resources) -> resources.stream()
                .filter(r -> Set.of("Deployment", "StatefulSet").contains(r.path("kind").asString()))
                .forEach(r -> r.path("spec").path("template").path("spec").path("containers").forEach(c -> {
                    if (c.path("image").asString().contains(artifact)) {
                        findings.add("smsc: overlay " + overlay + " runs the simulator (" + r.path("metadata").path("name")
                                .asString() + "); a Kubernetes deployment sends texts through a real SMSC");
                    }
                })));
    }

    // ---- Secrets

    private void secrets() {
        String readme = tree.read("deploy/README.md");
        overlays.forEach((overlay, resources) -> {
            Set<String> present = new TreeSet<>();
            kinds(resources, "Secret").forEach(s -> present.add(s.path("metadata").path("name").asString()));
            kinds(resources, "KafkaUser").forEach(u -> present.add(u.path("metadata").path("name").asString()));
            kinds(resources, "Cluster").forEach(c -> present.add(c.path("metadata").path("name").asString() + "-app"));
            present.addAll(OPERATOR_SECRETS);
            for (String referenced : referencedSecrets(resources)) {
                if (!present.contains(referenced) && (overlay.equals("local") || !readme.contains("`" + referenced + "`"))) {
                    findings.add("Secret " + referenced + ": used in overlay " + overlay
                            + " but neither generated there nor named in deploy/README.md for the operator to create");
                }
            }
        });
    }

    private static Set<String> referencedSecrets(List<JsonNode> resources) {
        Set<String> names = new TreeSet<>();
        for (JsonNode resource : resources) {
            resource.findValues("secretKeyRef").forEach(ref -> names.add(ref.path("name").asString()));
            resource.findValues("secretName").forEach(name -> names.add(name.asString()));
            resource.findValues("passwordSecret").forEach(ref -> names.add(ref.path("name").asString()));
        }
        return names;
    }

    // ---- alerts

    private void alerts() {
        JsonNode composeGroups = Yaml.file(tree.path("deploy/compose/alerts.yml")).path("groups");
        JsonNode ruleGroups = Yaml.file(tree.path("deploy/components/monitoring/alerts.yaml")).path("spec").path("groups");
        if (!composeGroups.equals(ruleGroups)) {
            findings.add("alerts: deploy/compose/alerts.yml and the PrometheusRule of deploy/components/monitoring differ");
        }
        composeGroups.forEach(group -> group.path("rules").forEach(rule ->
                metrics("alert " + rule.path("alert").asString(), rule.path("expr").asString())));
    }

    // ---- dashboards

    /**
     * The Grafana dashboards, one set for Compose and Kubernetes: each parses, takes its Prometheus as the
     * variable {@code datasource} and names no other, has its own uid and the tag kairos (what links them), and
     * queries only metrics the services export. Compose's Grafana mounts the folder and starts on the overview;
     * every overlay with the monitoring component ships the same files in one ConfigMap for Grafana's sidecar.
     */
    private void dashboards() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listed = Files.list(tree.path(DASHBOARDS))) {
            listed.filter(p -> p.toString().endsWith(".json"))
                    .forEach(p -> files.put(p.getFileName().toString(), read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            findings.add("dashboards: no dashboard in " + DASHBOARDS);
        }
        Map<String, String> uids = new HashMap<>();
        files.forEach((file, text) -> {
            JsonNode dashboard;
            try {
                dashboard = Yaml.JSON.readTree(text);
            } catch (RuntimeException e) {
                findings.add("dashboard " + file + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
                return;
            }
            dashboard(file, dashboard);
            String uid = dashboard.path("uid").asString();
            String other = uids.put(uid, file);
            if (uid.isEmpty() || other != null) {
                findings.add("dashboard " + file + ": uid \"" + uid + "\" " + (uid.isEmpty() ? "missing" : "also " + other + "'s"));
            }
        });
        dashboardsShipped(files.keySet());
    }

    private void dashboard(String file, JsonNode dashboard) {
        String where = "dashboard " + file;
        Set<JsonNode> checked = Collections.newSetFromMap(new IdentityHashMap<>());
        if (!dashboard.path("tags").valueStream().map(JsonNode::asString).toList().contains("kairos")) {
            findings.add(where + ": no tag kairos, which the dashboards' links follow");
        }
        List<JsonNode> variables = dashboard.path("templating").path("list").valueStream().toList();
        if (variables.stream().noneMatch(v -> v.path("name").asString().equals("datasource")
                && v.path("type").asString().equals("datasource") && v.path("query").asString().equals("prometheus"))) {
            findings.add(where + ": no variable datasource of type datasource (query prometheus)");
        }
        for (JsonNode variable : variables) {
            String named = where + ", variable " + variable.path("name").asString();
            if (variable.path("type").asString().equals("query")) {
                datasource(named, variable.path("datasource"), checked);
                JsonNode query = variable.path("query");
                metrics(named, (query.isObject() ? query.path("query").asString() : query.asString())
                        + " " + variable.path("definition").asString());
            }
        }
        panels(where, dashboard.path("panels"), checked);
        // Nothing else names one either (an annotation, a link...), but Grafana's built-in annotations, which
        // read Grafana itself.
        List<JsonNode> builtIn = dashboard.path("annotations").path("list").valueStream().map(a -> a.path("datasource"))
                .filter(d -> d.path("type").asString().equals("grafana")).toList();
        dashboard.findValues("datasource").stream()
                .filter(d -> !checked.contains(d) && builtIn.stream().noneMatch(b -> b == d) && !isVariable(d))
                .forEach(d -> findings.add(where + ": names datasource " + d + ", not ${datasource}"));
    }

    private void panels(String where, JsonNode panels, Set<JsonNode> checked) {
        for (JsonNode panel : panels) {
            String named = where + ", panel \"" + panel.path("title").asString() + "\"";
            if (panel.path("type").asString().equals("row")) {
                panels(where, panel.path("panels"), checked);
                continue;
            }
            datasource(named, panel.path("datasource"), checked);
            for (JsonNode target : panel.path("targets")) {
                datasource(named + " target " + target.path("refId").asString(), target.path("datasource"), checked);
                metrics(named, target.path("expr").asString());
            }
        }
    }

    /** A panel, target or variable reads the Prometheus of the variable {@code datasource}, and only it. */
    private void datasource(String where, JsonNode datasource, Set<JsonNode> checked) {
        checked.add(datasource);
        if (!isVariable(datasource)) {
            findings.add(where + ": datasource " + (datasource.isMissingNode() ? "missing" : datasource.toString())
                    + ", not {\"type\":\"prometheus\",\"uid\":\"${datasource}\"}");
        }
    }

    private static boolean isVariable(JsonNode datasource) {
        return datasource.path("type").asString().equals("prometheus")
                && datasource.path("uid").asString().equals("${datasource}");
    }

    /** Compose's Grafana mounts the dashboards and starts on one of them; each overlay with the monitoring component ships them all. */
    private void dashboardsShipped(Set<String> files) {
        JsonNode grafana = compose.path("services").path("grafana");
        Set<String> mounted = new TreeSet<>();
        grafana.path("volumes").forEach(v -> {
            String source = v.isObject() ? v.path("source").asString() : v.asString().split(":")[0];
            String target = v.isObject() ? v.path("target").asString() : v.asString().split(":")[1];
            if (Path.of(source).normalize().endsWith(DASHBOARDS)) {
                mounted.add(target);
            }
        });
        String provisioned = Yaml.at(Yaml.file(tree.path("deploy/compose/grafana/provisioning/dashboards/kairos.yml")),
                "providers").path(0).path("options").path("path").asString();
        expectEqual("grafana: mounts of " + DASHBOARDS + " in docker-compose.yml", Set.of(provisioned), mounted);
        String home = grafana.path("environment").path("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asString();
        if (!files.contains(home.replaceFirst(".*/", "")) || !home.startsWith(provisioned + "/")) {
            findings.add("grafana: home dashboard " + home + " is none of " + DASHBOARDS + " mounted at " + provisioned);
        }
        overlays.forEach((overlay, resources) -> {
            if (kinds(resources, "PrometheusRule").isEmpty()) {
                return;
            }
            List<JsonNode> shipped = kinds(resources, "ConfigMap").stream()
                    .filter(c -> c.path("metadata").path("labels").path("grafana_dashboard").asString().equals("1")).toList();
            Set<String> keys = new TreeSet<>();
            shipped.forEach(c -> c.path("data").propertyNames().forEach(keys::add));
            compare("dashboard", DASHBOARDS, files, "ConfigMaps labelled grafana_dashboard=1 of overlay " + overlay, keys);
            // kubectl apply (client-side) keeps the whole object in an annotation of at most 256 KiB.
            shipped.stream().filter(c -> c.toString().length() > 256 * 1024).forEach(c -> findings.add("ConfigMap "
                    + c.path("metadata").path("name").asString() + " of overlay " + overlay + ": " + c.toString().length()
                    + " bytes, more than kubectl apply's last-applied annotation holds (256 KiB): split the dashboards"));
        });
    }

    // ---- metrics

    /**
     * Every {@code kairos_*} metric an alert or dashboard expression names is one a service exports: a name
     * Micrometer gives a meter of the code ({@link MeterCatalogue}); {@code _bucket} only for a meter whose
     * histogram every deployment of its services publishes.
     */
    private void metrics(String where, String expression) {
        Matcher metric = METRIC.matcher(expression);
        while (metric.find()) {
            String name = metric.group(1);
            MeterCatalogue.Meter meter = meters.exporting(name);
            if (meter == null) {
                Map<String, MeterCatalogue.Meter> like = meters.named(name);
                findings.add(where + ": " + name + " is no metric the services export" + (like.isEmpty() ? ""
                        : " (" + like.values().stream().map(m -> m.name() + " is exported as " + m.exported(bucketsPublished(m)))
                                .collect(Collectors.joining("; ")) + ")"));
            } else if (!meter.exported(false).contains(name) && !bucketsPublished(meter)) {
                findings.add(where + ": " + name + " needs the histogram of " + meter.name()
                        + ", which not every deployment of " + meter.services() + " publishes (MANAGEMENT_METRICS_DISTRIBUTION_"
                        + "PERCENTILESHISTOGRAM_" + MeterCatalogue.prometheus(meter.name()).toUpperCase() + "=true)");
            }
        }
    }

    /**
     * Whether a meter's histogram buckets are scraped wherever it runs: its code publishes them, or for each
     * service that registers it, its application.yml or else docker-compose.yml and every overlay turn on
     * management.metrics.distribution.percentiles-histogram for the meter's name, a prefix of it, or all.
     */
    private boolean bucketsPublished(MeterCatalogue.Meter meter) {
        if (meter.histogramInCode()) {
            return true;
        }
        for (String service : meter.services()) {
            Map<String, String> configured = new HashMap<>();
            flatten("", Yaml.at(applicationYml(service), "management.metrics.distribution").path("percentiles-histogram"),
                    (key, value) -> configured.put(HISTOGRAM_VARIABLE + key, value));
            if (enablesHistogram(configured, meter.name())) {
                continue;
            }
            Map<String, String> composed = new HashMap<>();
            compose.path("services").path(service).path("environment").properties()
                    .forEach(e -> composed.put(e.getKey(), e.getValue().asString()));
            if (!enablesHistogram(composed, meter.name()) || overlays.values().stream()
                    .anyMatch(resources -> !enablesHistogram(environment(resources, container(resources, service)), meter.name()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean enablesHistogram(Map<String, String> variables, String meter) {
        String name = MeterCatalogue.prometheus(meter);
        return variables.entrySet().stream().anyMatch(e -> {
            String key = MeterCatalogue.prometheus(e.getKey());
            if (!key.startsWith(HISTOGRAM_VARIABLE) || !e.getValue().equals("true")) {
                return false;
            }
            String prefix = key.substring(HISTOGRAM_VARIABLE.length());
            return prefix.equals("all") || name.equals(prefix) || name.startsWith(prefix + "_");
        });
    }

    // ---- helpers

    private JsonNode applicationYml(String service) {
        return Yaml.file(tree.path(applicationYmlPath(service)));
    }

    private static String applicationYmlPath(String service) {
        return "services/" + service + "/src/main/resources/application.yml";
    }

    private static List<JsonNode> kinds(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asString().equals(kind)).toList();
    }

    private JsonNode container(List<JsonNode> resources, String service) {
        return resources.stream()
                .filter(r -> Set.of("Deployment", "StatefulSet").contains(r.path("kind").asString())
                        && r.path("metadata").path("name").asString().equals(service))
                .findFirst().map(r -> r.path("spec").path("template").path("spec").path("containers").path(0))
                .orElseGet(() -> {
                    findings.add(service + ": no Deployment or StatefulSet named " + service);
                    return Yaml.JSON.createObjectNode();
                });
    }

    /** A container's variables: its env (value as written, or the reference) and every key of its envFrom. */
    private static Map<String, String> environment(List<JsonNode> resources, JsonNode container) {
        Map<String, String> variables = new HashMap<>();
        container.path("envFrom").forEach(from -> configMap(resources, from.path("configMapRef").path("name").asString())
                .propertyNames().forEach(key -> variables.put(key, configMap(resources,
                        from.path("configMapRef").path("name").asString()).path(key).asString())));
        container.path("env").forEach(e -> variables.put(e.path("name").asString(),
                e.has("value") ? e.path("value").asString() : e.path("valueFrom").toString()));
        return variables;
    }

    /** The data of a ConfigMap, by its name before Kustomize's hash suffix or after it. */
    private static JsonNode configMap(List<JsonNode> resources, String name) {
        return resources.stream().filter(r -> r.path("kind").asString().equals("ConfigMap"))
                .filter(r -> r.path("metadata").path("name").asString().equals(name)
                        || r.path("metadata").path("name").asString().matches(Pattern.quote(name) + "-[a-z0-9]{10}"))
                .findFirst().map(r -> r.path("data")).orElse(Yaml.JSON.createObjectNode());
    }

    private void compare(String what, String leftName, Set<String> left, String rightName, Set<String> right) {
        for (String item : left) {
            if (!right.contains(item)) {
                findings.add(what + " " + item + ": in " + leftName + " but not in " + rightName);
            }
        }
        for (String item : right) {
            if (!left.contains(item)) {
                findings.add(what + " " + item + ": in " + rightName + " but not in " + leftName);
            }
        }
    }

    private void expectEqual(String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            findings.add(what + " is " + actual + ", expected " + expected);
        }
    }

    private static String defaultOf(String placeholder, String variable) {
        Matcher matcher = Pattern.compile("\\$\\{" + variable + ":([^}]*)}").matcher(placeholder);
        return matcher.matches() ? matcher.group(1) : placeholder;
    }

    private static long millis(String duration) {
        return Duration.parse("P" + (duration.endsWith("d") ? duration.toUpperCase() : "T" + duration.toUpperCase())).toMillis();
    }

    private static String xmlProperty(String pom, String name) {
        return element(pom, name.replace(".", "\\."));
    }

    private static String element(String xml, String name) {
        Matcher matcher = Pattern.compile("<" + name + ">([^<]*)</" + name + ">").matcher(xml);
        return matcher.find() ? matcher.group(1).trim() : "none";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
