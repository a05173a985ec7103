package dev.kairos.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The README's walkthrough, run exactly as written against a local run (only the default ports and folder
 * replaced by the run's), and what it printed.
 */
record Walkthrough(String output) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs the walkthrough to its end; fails when it does not finish within 3 minutes or exits non-zero. */
    static Walkthrough run(LocalRun run) throws Exception {
        String script = pointedAt(run, Readme.walkthrough(LocalRun.ROOT.resolve("README.md")));
        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
                .directory(LocalRun.ROOT.toFile())
                .redirectErrorStream(true);
        run.environment(bash.environment());
        Process process = bash.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("the walkthrough finishes").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("walkthrough output:%n%s", output).isZero();
        return new Walkthrough(output);
    }

    /**
     * After c-42 withdrew the consent the walkthrough relied on: the withdrawal reaches compliance's ledger and
     * dispatch, and dispatch suppresses the campaign's next message to c-42 for it.
     */
    static void awaitTheWithdrawalStopsTheNextMessage(LocalRun run) throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                run.api("COMPLIANCE", "GET", "/api/v1/customers/c-42/consents", null).get("consents").toString())
                .contains("\"status\":\"WITHDRAWN\""));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                run.api("DISPATCH", "GET", "/api/v1/customers/c-42/data-export", null).toString().contains("WITHDRAWN"));
        run.api("DISPATCH", "POST", "/api/v1/messages", """
                {"requestId": "black-friday-2026-reminder:c-42", "customerId": "c-42", "topic": "promotions",
                 "content": {"EMAIL": {"subject": "Dernier jour", "text": "{{salutation}}, c'est aujourd'hui."}}}""");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reminder = run.api("DISPATCH", "GET", "/api/v1/messages/black-friday-2026-reminder:c-42", null);
            assertThat(reminder.get("status").asString()).isEqualTo("SUPPRESSED");
            assertThat(reminder.get("reasons").toString()).contains("CONSENT_WITHDRAWN");
        });
    }

    /** The last status answer for a request among the JSON lines the walkthrough printed. */
    JsonNode status(String requestId) {
        return output.lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> node.has("status") && node.has("history") && requestId.equals(node.get("requestId").asString()))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no status of " + requestId + " in:\n" + output));
    }

    /** The walkthrough with the default ports and folder replaced by this run's. */
    private static String pointedAt(LocalRun run, String walkthrough) {
        return walkthrough
                .replace("http://localhost:8081", run.baseUrl("PREFERENCES"))
                .replace("http://localhost:8082", run.baseUrl("DISPATCH"))
                .replace("http://localhost:8083", run.baseUrl("COMPLIANCE"))
                .replace(".kairos/sinks", run.home().resolve("sinks").toString());
    }
}
