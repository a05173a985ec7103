package dev.kairos.compliance.subjects;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the deletion of retained US consent proof past its retention on a schedule (the service's clock decides). */
@Component
public class RetainedProofPurge {

    private final DataSubjectService subjects;

    RetainedProofPurge(DataSubjectService subjects) {
        this.subjects = subjects;
    }

    @Scheduled(cron = "${kairos.subjects.proof-purge-cron:0 47 3 * * *}", zone = "UTC")
    public int run() {
        return subjects.purgeRetainedProof();
    }
}
