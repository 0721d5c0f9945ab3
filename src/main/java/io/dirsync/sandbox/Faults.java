package io.dirsync.sandbox;

import java.time.Duration;
import java.util.Optional;

/** The failures a test asked for, consumed by the HTTP layer. */
final class Faults {

    /** One injected failure of an import request. */
    record Fault(int status, String retryAfterSeconds) {
    }

    private int failCount;
    private int failStatus;
    private String failRetryAfter;
    private boolean next401;
    private Integer successesBeforeCrash;
    private int crashStatus;
    private Duration delay = Duration.ZERO;
    private boolean webPage;

    /** The status of the fault {@link #serveWebPage()} injects: 200, with a page instead of the API's answer. */
    static final int WEB_PAGE = 200;

    synchronized void failNext(int count, int status, String retryAfterSeconds) {
        failCount = count;
        failStatus = status;
        failRetryAfter = retryAfterSeconds;
    }

    synchronized void failNextWith401() {
        next401 = true;
    }

    synchronized void failAfter(int successfulImports, int status) {
        successesBeforeCrash = successfulImports;
        crashStatus = status;
    }

    synchronized void serveWebPage() {
        webPage = true;
    }

    synchronized void delay(Duration delay) {
        this.delay = delay == null ? Duration.ZERO : delay;
    }

    synchronized Duration delay() {
        return delay;
    }

    synchronized void clear() {
        failCount = 0;
        next401 = false;
        successesBeforeCrash = null;
        delay = Duration.ZERO;
        webPage = false;
    }

    /** The failure the next import request gets, if any; consumes it. */
    synchronized Optional<Fault> nextImportFault() {
        if (webPage) {
            return Optional.of(new Fault(WEB_PAGE, null));
        }
        if (failCount > 0) {
            failCount--;
            return Optional.of(new Fault(failStatus, failRetryAfter));
        }
        if (next401) {
            next401 = false;
            return Optional.of(new Fault(401, null));
        }
        if (successesBeforeCrash != null && successesBeforeCrash == 0) {
            return Optional.of(new Fault(crashStatus, null));
        }
        return Optional.empty();
    }

    synchronized void importSucceeded() {
        if (successesBeforeCrash != null && successesBeforeCrash > 0) {
            successesBeforeCrash--;
        }
    }
}
