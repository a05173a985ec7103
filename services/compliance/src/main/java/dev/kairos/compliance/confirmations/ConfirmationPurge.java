package dev.kairos.compliance.confirmations;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the purge of unconfirmed double opt-in requests on a schedule (the service's clock decides what is old). */
@Component
public class ConfirmationPurge {

    private final ConfirmationService confirmations;

    ConfirmationPurge(ConfirmationService confirmations) {
        this.confirmations = confirmations;
    }

    @Scheduled(cron = "${kairos.confirmations.purge-cron:0 17 3 * * *}", zone = "UTC")
    public int run() {
        return confirmations.purgeUnconfirmed();
    }
}
