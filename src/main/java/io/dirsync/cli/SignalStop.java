package io.dirsync.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C while a command runs a sync: Camel is stopped at once (a push waiting to retry gives up rather
 * than being waited for), and the process lives on just long enough for the command to say how it ended.
 */
final class SignalStop implements AutoCloseable {

    /** How long the JVM's exit waits for the command's last line; with Camel's stop, well within 5 s. */
    static final Duration LAST_WORDS = Duration.ofSeconds(3);
    private static final CountDownLatch COMMAND_FINISHED = new CountDownLatch(1);

    private final Thread hook;

    private SignalStop(Thread hook) {
        this.hook = hook;
    }

    /** Until closed, a signal stops {@code runtime}. */
    static SignalStop stopping(DirsyncRuntime runtime) {
        Thread hook = new Thread(() -> {
            runtime.close();
            try {
                COMMAND_FINISHED.await(LAST_WORDS.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dirsync-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SignalStop(hook);
    }

    /**
     * For a command that serves until stopped ({@code run}, {@code sandbox}): waits for SIGTERM or Ctrl-C, then runs
     * {@code cleanUp} before the JVM exits.
     */
    static void untilSignalled(Runnable cleanUp) throws InterruptedException {
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopRequested.countDown();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dirsync-stop"));
        try {
            stopRequested.await();
        } finally {
            cleanUp.run();
            stopped.countDown();
        }
    }

    /** The command has printed its last line: a stopping JVM need not wait any longer. */
    static void commandFinished() {
        COMMAND_FINISHED.countDown();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is stopping: the hook is running, and ends on its own
        }
    }
}
