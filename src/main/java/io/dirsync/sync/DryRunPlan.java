package io.dirsync.sync;

/**
 * What {@code sync --dry-run} ends with: the plan as the run would push it (its removals held, when a guard would
 * hold them), and the guard's line when it would hold or refuse. Nothing was sent; the Bitwarden token was fetched, so
 * the URL and the API key are known to work.
 *
 * @param refusal the guard's line when it would refuse the whole run, else null
 */
public record DryRunPlan(ChangeSet changes, String refusal) {

    /** The guard's line, whether it would hold removals or refuse the run; null when it would let the run through. */
    public String guardLine() {
        return refusal != null ? refusal : changes.held().reason();
    }

    @Override
    public String toString() {
        return changes.plan();
    }
}
