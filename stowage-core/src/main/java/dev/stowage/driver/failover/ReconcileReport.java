package dev.stowage.driver.failover;

import java.util.List;

/**
 * What one {@link FailoverDriver#reconcile()} run did.
 *
 * @param copied writes copied back to the primary and verified
 * @param deleted deletes replayed on the primary
 * @param failed records that could not be replayed (they stay in the journal); see {@code problems}
 * @param remaining records still pending afterwards (failed ones, new ones, or all of them when the
 *     primary went away again)
 * @param problems one line per failed record
 */
public record ReconcileReport(int copied, int deleted, int failed, int remaining, List<String> problems) {

    public ReconcileReport {
        problems = List.copyOf(problems);
    }
}
