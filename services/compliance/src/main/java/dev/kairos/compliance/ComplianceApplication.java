package dev.kairos.compliance;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ComplianceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ComplianceApplication.class, args);
    }

    /** Ledger times are UTC; tests replace this clock to move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
