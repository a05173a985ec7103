package dev.kairos.compliance.subjects;

import dev.kairos.compliance.consents.ConsentAction;
import dev.kairos.compliance.consents.RecordConsent;
import dev.kairos.compliance.suppressions.SuppressionReason;
import dev.kairos.compliance.suppressions.SuppressionService;
import dev.kairos.platform.web.InvalidRequestException;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Screens every grant recorded through {@code ConsentService.record} (the consents API and anything else that
 * records a grant that way): a grant for an address an erasure left on the do-not-contact list is refused,
 * unless it is a fresh opt-in by the person, which lifts the entry in the grant's own transaction, after the
 * ledger entry that proves it. A double opt-in grant waits: its confirmation lifts the entry.
 *
 * <p>An aspect rather than a call inside {@code ConsentService} keeps the consents feature free of a
 * dependency on erasure; grants recorded through {@code ConsentService.recordEntry} (channel pages, double
 * opt-in confirmations) are the person's own and lift the entry themselves.
 */
@Aspect
@Component
class ErasedAddressGuard {

    private final SuppressionService suppressions;
    private final TransactionTemplate transactions;

    ErasedAddressGuard(SuppressionService suppressions, TransactionTemplate transactions) {
        this.suppressions = suppressions;
        this.transactions = transactions;
    }

    @Around("execution(* dev.kairos.compliance.consents.ConsentService.record(..)) && args(command)")
    Object screen(ProceedingJoinPoint grant, RecordConsent command) throws Throwable {
        if (command.action() != ConsentAction.GRANT || command.address() == null || suppressions.of(command.address())
                .filter(s -> s.reason() == SuppressionReason.ERASURE).isEmpty()) {
            return grant.proceed();
        }
        if (!FreshOptIn.isFresh(command.basis(), command.evidence())) {
            throw new InvalidRequestException("address", "was erased at the person's request and stays on the "
                    + "do-not-contact list: only a fresh opt-in by the person (OPT_IN or PRIOR_EXPRESS_WRITTEN, with "
                    + "evidence of their own act) can record a consent for it");
        }
        try {
            return transactions.execute(status -> {
                Object recorded = proceed(grant);
                if (!command.doubleOptIn()) {
                    suppressions.liftErasure(command.address());
                }
                return recorded;
            });
        } catch (Proceeding e) {
            throw e.getCause();
        }
    }

    private static Object proceed(ProceedingJoinPoint grant) {
        try {
            return grant.proceed();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new Proceeding(e);
        }
    }

    /** Carries a checked exception out of the transaction callback. */
    private static final class Proceeding extends RuntimeException {
        Proceeding(Throwable cause) {
            super(cause);
        }
    }
}
