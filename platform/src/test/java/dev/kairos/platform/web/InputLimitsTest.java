package dev.kairos.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** What a client sees when a request goes past the input limits: a problem naming the reason, never a 500. */
class InputLimitsTest {

    private final InputLimits limits = new InputLimits();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new EchoController())
            .setControllerAdvice(new ProblemDetailsAdvice())
            .setMessageConverters(new JacksonJsonHttpMessageConverter(new InputLimitsAutoConfiguration()
                    .jsonMapperBuilder(limits, new StaticListableBeanFactory().getBeanProvider(JsonMapperBuilderCustomizer.class))
                    // What Boot adds in a service: problem properties at the top level.
                    .addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
                    .build()))
            .addFilters(new BodySizeLimit(limits.getMaxBodySize().toBytes()))
            .build();

    @Test
    void aBodyLargerThanTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"" + "a".repeat(1024 * 1024) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(413))
                .andExpect(jsonPath("$.detail").value("The body may hold at most 1048576 bytes."));
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsA400NamingTheReason() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"a\": " + "[".repeat(40) + "]".repeat(40) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", allOf(containsString("nesting depth"),
                        containsString("exceeds the maximum allowed (32)"), not(containsString("StreamReadConstraints")))));
    }

    @Test
    void aStringLongerThanTheLimitIsA400NamingTheReason() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"text\": \"" + "a".repeat(300_000) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", containsString("String value length")));
    }

    @Test
    void aNumberLongerThanTheLimitIsA400NamingTheReason() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"n\": " + "9".repeat(100) + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message", containsString("Number value length")));
    }

    @Test
    void aRequestWithinTheLimitsIsRead() throws Exception {
        mvc.perform(post("/echo").contentType(MediaType.APPLICATION_JSON).content("{\"text\": \"hello\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.text").value("hello"));
    }

    @RestController
    static class EchoController {

        @PostMapping("/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return body;
        }
    }
}
