package dev.kairos.preferences;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PreferencesApplication {

    public static void main(String[] args) {
        SpringApplication.run(PreferencesApplication.class, args);
    }
}
