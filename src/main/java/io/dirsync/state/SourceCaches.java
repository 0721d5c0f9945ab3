package io.dirsync.state;

import io.dirsync.Messages;
import io.dirsync.StateException;
import io.dirsync.config.Durations;
import io.dirsync.config.Settings;
import io.dirsync.config.StateFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where sources keep what lets a run read less than everything (Active Directory's directory cache, Entra's delta
 * links): one folder of the state folder, {@value #FOLDER}, whatever the source. A cache only saves reading: every
 * run still hands the diff a complete read, so losing one costs one full read and nothing else, and
 * {@code dirsync clear-cache} empties the folder without knowing which source wrote what in it.
 */
public final class SourceCaches {

    public static final String FOLDER = "cache";
    /** The longest a source follows its cache without a full read, whatever {@code sync.full-every} says. */
    public static final Duration MAX_AGE = Duration.ofDays(30);

    private SourceCaches() {
    }

    /** The instance's cache folder, in its {@link StateFolder}; it may not exist yet. */
    public static Path folder(Settings settings) {
        return StateFolder.of(settings).resolve(FOLDER);
    }

    /**
     * How long a cache is followed before a full read: {@code sync.full-every}, and at most {@link #MAX_AGE} (also
     * when {@code sync.full-every=0}, which means never re-sending, not never reading fully).
     */
    public static Duration maxAge(Duration fullEvery) {
        return fullEvery.isZero() || fullEvery.compareTo(MAX_AGE) > 0 ? MAX_AGE : fullEvery;
    }

    /** A cache's {@code fullReadAt} as an instant; an {@link IllegalStateException} when it is not one. */
    public static Instant fullReadAt(String written) {
        try {
            return Instant.parse(written);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("fullReadAt is not an ISO-8601 instant: " + written, e);
        }
    }

    /**
     * Why a cache descending from the full read at {@code fullReadAt} is not to be followed at {@code now} (its full
     * read is {@link #maxAge} old, or in the future), or null when it may be.
     *
     * @param cache the cache, as the reason names it ("the directory cache")
     */
    public static String whyTooOld(String cache, Instant fullReadAt, Duration fullEvery, Instant now) {
        if (fullReadAt.isAfter(now)) {
            return cache + "'s last full read (" + fullReadAt + ") is in the future";
        }
        Duration maxAge = maxAge(fullEvery);
        if (!fullReadAt.plus(maxAge).isAfter(now)) {
            return "the last full read was at " + fullReadAt + " (a full read every "
                    + (maxAge.equals(fullEvery) ? "sync.full-every, " : "") + Durations.format(maxAge) + ")";
        }
        return null;
    }

    /** Forgets every source's cache ({@code dirsync clear-cache}); the caller holds the instance's lock. */
    public static void clear(Settings settings) {
        Path folder = folder(settings);
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // no cache at all
        } catch (IOException e) {
            throw new StateException("Cannot delete the source caches in " + folder + ": " + Messages.describe(e)
                    + ".", e);
        }
    }
}
