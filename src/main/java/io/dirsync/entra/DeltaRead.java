package io.dirsync.entra;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.JsonFile;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsFingerprint;
import io.dirsync.config.SyncSettings;
import io.dirsync.http.RoutedPages;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.ReadOptions;
import io.dirsync.state.CacheUpdate;
import io.dirsync.state.SourceCaches;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Entra ID source with {@code entra.delta=true}, step "read" of the {@code read-entra} route for a sync: Graph's
 * delta queries ({@code users/delta}, {@code groups/delta} with {@code members@delta}) asked only for what changed
 * since the delta links the last committed run kept, merged into the tenant as those runs read it
 * ({@link TenantCopy}). The run still hands the diff a complete read, built by {@link EntraReader}'s own code from
 * the merged tenant; the new links and tenant are written only when the run commits ({@link CacheUpdate}), so a dry
 * run, a refused run or a failed push asks for the same changes again next time.
 *
 * <p>The read is full, through the same delta queries (so that it ends with links), and logs why ("Full read: …"):
 * with {@code sync --full}; without a usable cache; after a change of the settings that select entries (the
 * {@link SettingsFingerprint}); once {@code sync.full-every} has passed since the last full read (at most
 * {@link SourceCaches#MAX_AGE}); and when Graph refuses a delta link (410 Gone, or {@code syncStateNotFound} /
 * {@code resyncRequired}: links of directory objects last seven days). {@code dirsync test} and group-scoped reads
 * ({@code includeGroup:}) read by {@link EntraReader}, as without delta ({@link #applies}).
 */
public class DeltaRead extends ConfiguredStep<Settings> {

    private static final Logger LOG = LoggerFactory.getLogger(DeltaRead.class);
    /** What the groups' rounds ask for: {@code members} makes Graph send {@code members@delta}. */
    static final String GROUP_SELECT = "displayName,members";

    private final DeltaRound.Reader fixedRounds;
    private final Clock clock;
    private DeltaRound.Reader rounds;

    /** For Camel: settings from the context, Graph through the {@code graph-page} route. */
    public DeltaRead() {
        this.fixedRounds = null;
        this.clock = Clock.systemUTC();
    }

    DeltaRead(Settings settings, DeltaRound.Reader rounds, Clock clock) {
        super(settings);
        this.fixedRounds = rounds;
        this.clock = clock;
    }

    @Override
    protected Settings settingsFrom(Settings settings) {
        return settings;
    }

    /** Whether this run reads by delta: {@code entra.delta=true}, a sync's read that the run fingerprinted (not {@code test}'s), not group-scoped. */
    public boolean applies(@ExchangeProperty(ReadOptions.PROPERTY) ReadOptions options) {
        Settings settings = settings();
        return settings.bool(EntraSettings.DELTA, false) && options != null && !options.includeDeleted()
                && options.settingsFingerprint() != null && !filter(settings).groupScoped();
    }

    /** The route step: the read, and in {@link CacheUpdate#PROPERTY} the cache the commit is to write. */
    @Handler
    public DirectoryRead read(@ExchangeProperty(ReadOptions.PROPERTY) ReadOptions options, Exchange exchange) {
        Outcome outcome = read(options == null ? ReadOptions.SYNC : options);
        exchange.setProperty(CacheUpdate.PROPERTY, outcome.update());
        return outcome.read();
    }

    /**
     * One read's result.
     *
     * @param read           complete, as a full read would be
     * @param update         the cache to write when the run commits
     * @param fullReadReason why the read was full; null when only changes were asked for
     */
    record Outcome(DirectoryRead read, CacheUpdate.Content update, String fullReadReason) {
    }

    Outcome read(ReadOptions options) {
        Settings settings = settings();
        EntraSettings entra = EntraSettings.from(settings);
        SyncSettings sync = SyncSettings.from(settings);
        EntraFilter filter = filter(settings);
        Rounds needed = new Rounds(sync.users(), sync.groups() || sync.users() && !filter.excludeGroups().isEmpty());
        String fingerprint = options.settingsFingerprint();
        Path file = SourceCaches.folder(settings).resolve(DeltaCache.FILE);
        long started = System.nanoTime();
        Instant now = clock.instant();

        String reason;
        Optional<DeltaCache> cache = Optional.empty();
        try {
            cache = DeltaCache.load(file);
            reason = whyFull(options, cache, fingerprint, needed, sync.fullEvery(), now);
        } catch (JsonFile.Unreadable e) {
            reason = "the delta cache " + file + " is unreadable (" + e.getMessage() + ")";
        }
        TenantCopy tenant = null;
        DeltaCache next = null;
        if (reason == null) {
            tenant = TenantCopy.of(cache.get());
            try {
                next = changes(entra, tenant, cache.get());
            } catch (DeltaRound.LinkRefused e) {
                reason = "Microsoft Graph refused the delta link (" + e.getMessage().replaceFirst("\\.$", "") + ")";
            }
        }
        if (reason != null) {
            LOG.info("Full read: {}", reason);
            tenant = new TenantCopy(needed.users());
            next = full(entra, tenant, needed, fingerprint, now);
        }
        DirectoryRead read = EntraReader.read(entra, sync, filter, tenant.over(entra.graph("")));
        LOG.info("Read {} users and {} groups from Microsoft Graph ({}) in {} ms: {}", read.users().size(),
                read.groups().size(), entra.graphUrl(), (System.nanoTime() - started) / 1_000_000,
                reason == null ? tenant.changes() + " changes since the last sync, by delta query"
                        : "every user and group, by delta query");
        return new Outcome(read, next.update(file), reason);
    }

    /** Which rounds a read needs: users when users are synced, groups when synced or named by excludeGroup. */
    record Rounds(boolean users, boolean groups) {
    }

    /** Why the cache cannot be followed, or null when it can. */
    static String whyFull(ReadOptions options, Optional<DeltaCache> loaded, String fingerprint, Rounds needed,
            Duration fullEvery, Instant now) {
        if (options.full()) {
            return "asked for (sync --full)";
        }
        if (loaded.isEmpty()) {
            return "no delta links yet";
        }
        DeltaCache cache = loaded.get();
        if (cache.formatVersion() != DeltaCache.FORMAT_VERSION) {
            return "the delta cache has format " + cache.formatVersion() + ", this dirsync writes "
                    + DeltaCache.FORMAT_VERSION;
        }
        if (!cache.settingsFingerprint().equals(fingerprint)) {
            return "settings changed since the delta links were kept";
        }
        if (needed.users() != (cache.usersLink() != null) || needed.groups() != (cache.groupsLink() != null)) {
            return "the delta cache follows other lists than this read needs";
        }
        return SourceCaches.whyTooOld("the delta cache", cache.fullReadInstant(), fullEvery, now);
    }

    private DeltaCache full(EntraSettings entra, TenantCopy tenant, Rounds needed, String fingerprint, Instant now) {
        String usersLink = null;
        String groupsLink = null;
        if (needed.users()) {
            DeltaRound round = rounds().round(entra.graph("users/delta?$select=" + EntraMapping.USER_SELECT));
            tenant.users(round.items());
            usersLink = round.deltaLink();
        }
        if (needed.groups()) {
            DeltaRound round = rounds().round(entra.graph("groups/delta?$select=" + GROUP_SELECT));
            tenant.groups(round.items());
            groupsLink = round.deltaLink();
        }
        return new DeltaCache(DeltaCache.FORMAT_VERSION, fingerprint, now.toString(), usersLink, groupsLink,
                tenant.users(), tenant.groups());
    }

    private DeltaCache changes(EntraSettings entra, TenantCopy tenant, DeltaCache cache) {
        String usersLink = null;
        String groupsLink = null;
        if (cache.usersLink() != null) {
            DeltaRound round = rounds().round(link(entra, cache.usersLink()));
            tenant.users(round.items());
            usersLink = round.deltaLink();
        }
        if (cache.groupsLink() != null) {
            DeltaRound round = rounds().round(link(entra, cache.groupsLink()));
            tenant.groups(round.items());
            groupsLink = round.deltaLink();
        }
        return new DeltaCache(DeltaCache.FORMAT_VERSION, cache.settingsFingerprint(), cache.fullReadAt(), usersLink,
                groupsLink, tenant.users(), tenant.groups());
    }

    /** A kept link, followed only on the configured Graph origin, as any link Graph answers. */
    private static URI link(EntraSettings entra, String link) {
        return RemoteApi.sameOrigin(entra.graph(""), link, "entra.graph-url");
    }

    private static EntraFilter filter(Settings settings) {
        return EntraFilter.parse(settings.optional(EntraFilter.USER_FILTER), settings.optional(EntraFilter.GROUP_FILTER));
    }

    private DeltaRound.Reader rounds() {
        if (fixedRounds != null) {
            return fixedRounds;
        }
        if (rounds == null) {
            rounds = DeltaRound.through(new RoutedPages(getCamelContext(), "direct:graph-page", "entra.graph-url"));
        }
        return rounds;
    }
}
