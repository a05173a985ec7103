package dev.kairos.compliance;

import dev.kairos.platform.testing.ServiceTestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Compliance on the shared broker, with a database of its own, as most integration tests need it. Test classes
 * extend it so that they share one Spring context: a context per class started five more consumer bindings in
 * the same groups each time, and every new member made the broker rebalance the bindings of the contexts cached
 * before it. Each test works on customers and addresses of its own, so the shared database does not matter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunningCompliance {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "compliance");
    }
}
