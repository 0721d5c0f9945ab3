package io.dirsync.sync;

import io.dirsync.DirsyncException;
import io.dirsync.state.AppliedState;

/**
 * The process was stopped (SIGTERM, Ctrl-C) while the push waited to retry. Nothing is lost: the state records
 * what the run was sending, and the next run sends it again. Exit code 143, as for any process ended by SIGTERM.
 */
public class SyncStoppedException extends DirsyncException {

    public static final int EXIT_CODE = 143;

    public SyncStoppedException(AppliedState.Unsure recorded) {
        super(message(recorded), null);
    }

    private static String message(AppliedState.Unsure recorded) {
        String what = recorded.isEmpty() ? "nothing this run sent (it changed nothing yet)"
                : count(recorded.users().size(), "member") + " and " + count(recorded.groups().size(), "group")
                        + " this run was sending, and the next sync finishes them";
        return "Stopped (SIGTERM or Ctrl-C) while the push waited to retry Bitwarden: the state records " + what + ".";
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    @Override
    public int exitCode() {
        return EXIT_CODE;
    }
}
