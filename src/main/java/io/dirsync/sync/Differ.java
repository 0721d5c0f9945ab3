package io.dirsync.sync;

import io.dirsync.ConfigurationException;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ImportRequest;
import io.dirsync.model.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The route step "diff": compares a {@link Snapshot} with the state dirsync last applied to the organization and
 * plans the requests that bring the organization in line, sending only what changed.
 *
 * <ul>
 * <li>Desired members: users of the snapshot that are not deleted, and not disabled when
 * {@code sync.remove-disabled} is on. One that is not applied yet is invited; an applied one that is not desired
 * any more is removed ({@code deleted:true}, with the email last applied). Keyed by externalId.</li>
 * <li>A member whose email changed under the same externalId is not sent (the API cannot change an email, and a
 * removal and re-invite would cost the person their membership): it is reported, and the applied email is kept.</li>
 * <li>Groups: members are the flattened members that are desired members (as read when users are not synced). A
 * new, renamed or re-membered group is sent with its full list; an applied group gone from the snapshot is sent
 * with an empty list, reported as emptied, and forgotten.</li>
 * <li>Full runs re-send every desired member and group (members with the email Bitwarden has) and still send the
 * removals computed against the applied state. A run is full on {@code --full}, without a usable state (none, or
 * one for another server or organization, which is then ignored: removals are never computed from it), when the
 * settings fingerprint changed, and once {@code sync.full-every} has passed since the last full run.</li>
 * <li>{@code sync.overwrite-existing}: when anything changed (or the run is full) the complete desired snapshot is
 * sent, plus the removals, as one request with {@code overwriteExisting:true}; more than 2000 entries are refused
 * as bwdc refuses them; with {@code sync.users=false} it is refused (the server would remove every member).</li>
 * <li>With {@code sync.users=false} members are neither sent nor forgotten; likewise groups with
 * {@code sync.groups=false}.</li>
 * </ul>
 * Output is deterministic: everything is sorted by externalId.
 */
public class Differ extends ConfiguredStep<DiffSettings> {

    /** The most members and groups one request may carry: the server's limit without largeImport, and bwdc's. */
    public static final int MAX_REQUEST_ENTRIES = 2000;

    static final String OVERWRITE_TOO_LARGE =
            "You cannot use the 'Remove and re-add organization users during the next sync' option with large imports.";

    /** For Camel: settings are read from the context's properties at each call. */
    public Differ() {
    }

    public Differ(DiffSettings settings) {
        super(settings);
    }

    /** Diffs with this bean's settings; {@code forceFull} ({@code --full}) adds to their own. */
    public ChangeSet diff(Snapshot snapshot, Optional<AppliedState> previous, SyncTarget target, boolean forceFull,
            Instant now) {
        DiffSettings settings = settings();
        return diff(snapshot, previous, target, settings.withForceFull(settings.forceFull() || forceFull), now);
    }

    @Override
    protected DiffSettings settingsFrom(Settings settings) {
        return DiffSettings.of(SyncSettings.from(settings), false);
    }

    /**
     * The plan from {@code previous} (the saved state, if any) to {@code snapshot}.
     *
     * @param now the run's start: the sync times of {@link ChangeSet#nextState()}
     */
    public static ChangeSet diff(Snapshot snapshot, Optional<AppliedState> previous, SyncTarget target,
            DiffSettings settings, Instant now) {
        if (settings.overwriteExisting() && !settings.syncUsers()) {
            throw new ConfigurationException("Settings sync.overwrite-existing=true and sync.users=false do not go"
                    + " together: the server would remove every member it knows by an externalId. Set"
                    + " sync.overwrite-existing=false.");
        }
        AppliedState usable = previous.filter(s -> s.isFor(target.apiUrl(), target.organizationId())).orElse(null);
        AppliedState applied = usable != null ? usable : AppliedState.empty(target.apiUrl(), target.organizationId());
        String fullReason = fullReason(settings, previous.isPresent(), usable, target, now);

        Plan plan = new Plan();
        SortedMap<String, String> nextUsers = settings.syncUsers()
                ? planMembers(snapshot, applied, settings.removeDisabled(), plan)
                : new TreeMap<>(applied.users());
        SortedMap<String, AppliedState.Group> nextGroups = settings.syncGroups()
                ? planGroups(snapshot, applied, settings.syncUsers() ? nextUsers.keySet() : null, plan)
                : new TreeMap<>(applied.groups());

        boolean changed = !plan.invited.isEmpty() || !plan.removed.isEmpty() || !plan.groupsUpdated.isEmpty()
                || !plan.groupsEmptied.isEmpty();
        if (settings.overwriteExisting()) {
            int entries = plan.removed.size() + plan.current.size() + plan.currentGroups.size() + plan.emptiedGroups.size();
            if (entries > MAX_REQUEST_ENTRIES) {
                throw new ConfigurationException(OVERWRITE_TOO_LARGE + " This sync has " + entries
                        + " members and groups (at most " + MAX_REQUEST_ENTRIES + " go in one request):"
                        + " set sync.overwrite-existing=false.");
            }
            if (fullReason == null && changed) {
                fullReason = "sync.overwrite-existing sends the complete snapshot";
            }
        }
        boolean full = fullReason != null;

        List<ImportRequest.Member> members = new ArrayList<>(plan.removed);
        members.addAll(full ? plan.current : plan.invited);
        List<ImportRequest.Group> groups = new ArrayList<>(full ? plan.currentGroups : plan.changedGroups);
        groups.addAll(plan.emptiedGroups);
        groups.sort(Comparator.comparing(ImportRequest.Group::externalId));

        AppliedState nextState = new AppliedState(target.apiUrl(), target.organizationId(),
                target.settingsFingerprint(),
                full ? now : applied.lastFullSync(),
                settings.syncUsers() ? now : applied.lastUserSync(),
                settings.syncGroups() ? now : applied.lastGroupSync(),
                nextUsers, nextGroups);
        ChangeSet.GuardFacts facts = new ChangeSet.GuardFacts(applied.users().size(), applied.groups().size(),
                settings.syncUsers() && snapshot.users().isEmpty(),
                settings.syncGroups() && snapshot.groups().isEmpty());
        return new ChangeSet(members, groups, plan.invited, plan.removed, plan.groupsUpdated, plan.groupsEmptied,
                plan.unchangedUsers, plan.unchangedGroups, plan.emailChanges, full, fullReason,
                settings.overwriteExisting(), facts, nextState);
    }

    /** Why the run must be full, or null. {@code usable} is the previous state if it is for this target. */
    private static String fullReason(DiffSettings settings, boolean hadState, AppliedState usable, SyncTarget target,
            Instant now) {
        if (settings.forceFull()) {
            return "--full";
        }
        if (!hadState) {
            return "no sync state yet";
        }
        if (usable == null) {
            return "the sync state is for another server or organization";
        }
        if (!Objects.equals(usable.settingsFingerprint(), target.settingsFingerprint())) {
            return "settings changed since the last sync";
        }
        Duration every = settings.fullEvery();
        if (!every.isZero()) {
            Instant last = usable.lastFullSync();
            if (last == null) {
                return "no full sync recorded yet";
            }
            if (!now.isBefore(last.plus(every))) {
                return "sync.full-every=" + format(every) + " has passed since the last full sync";
            }
        }
        return null;
    }

    /** Plans members; returns the next state's members (externalId → the email Bitwarden has). */
    private static SortedMap<String, String> planMembers(Snapshot snapshot, AppliedState applied,
            boolean removeDisabled, Plan plan) {
        SortedMap<String, String> desired = new TreeMap<>();
        for (DirectoryUser user : snapshot.users()) {
            if (!user.deleted() && !(user.disabled() && removeDisabled)) {
                desired.putIfAbsent(user.externalId(), user.email());
            }
        }
        for (Map.Entry<String, String> member : applied.users().entrySet()) {
            if (!desired.containsKey(member.getKey())) {
                plan.removed.add(new ImportRequest.Member(member.getValue(), member.getKey(), true));
            }
        }
        SortedMap<String, String> next = new TreeMap<>();
        for (Map.Entry<String, String> user : desired.entrySet()) {
            String externalId = user.getKey();
            String email = user.getValue();
            String appliedEmail = applied.users().get(externalId);
            if (appliedEmail == null) {
                ImportRequest.Member invite = new ImportRequest.Member(email, externalId, false);
                plan.invited.add(invite);
                plan.current.add(invite);
                next.put(externalId, email);
            } else {
                plan.unchangedUsers++;
                plan.current.add(new ImportRequest.Member(appliedEmail, externalId, false));
                next.put(externalId, appliedEmail);
                if (!appliedEmail.equals(email)) {
                    plan.emailChanges.add(new ChangeSet.EmailChange(externalId, appliedEmail, email));
                }
            }
        }
        return next;
    }

    /**
     * Plans groups; returns the next state's groups. {@code members} restricts group members to the desired
     * members, or is null to keep them as read (users not synced).
     */
    private static SortedMap<String, AppliedState.Group> planGroups(Snapshot snapshot, AppliedState applied,
            Set<String> members, Plan plan) {
        SortedMap<String, AppliedState.Group> desired = new TreeMap<>();
        for (DirectoryGroup group : snapshot.groups()) {
            Collection<String> groupMembers = group.memberUserIds();
            if (members != null) {
                groupMembers = groupMembers.stream().filter(members::contains).toList();
            }
            desired.putIfAbsent(group.externalId(), new AppliedState.Group(group.name(), new ArrayList<>(groupMembers)));
        }
        for (Map.Entry<String, AppliedState.Group> entry : desired.entrySet()) {
            String externalId = entry.getKey();
            AppliedState.Group group = entry.getValue();
            AppliedState.Group before = applied.groups().get(externalId);
            ImportRequest.Group request = new ImportRequest.Group(group.name(), externalId, group.memberExternalIds());
            plan.currentGroups.add(request);
            if (group.equals(before)) {
                plan.unchangedGroups++;
                continue;
            }
            plan.changedGroups.add(request);
            if (before == null) {
                plan.groupsUpdated.add(new ChangeSet.GroupChange(externalId, group.name(), null,
                        group.memberExternalIds().size(), group.memberExternalIds().size(), 0));
            } else {
                Set<String> old = new HashSet<>(before.memberExternalIds());
                Set<String> now = new TreeSet<>(group.memberExternalIds());
                int added = (int) now.stream().filter(m -> !old.contains(m)).count();
                int removed = (int) old.stream().filter(m -> !now.contains(m)).count();
                plan.groupsUpdated.add(new ChangeSet.GroupChange(externalId, group.name(), before.name(),
                        now.size(), added, removed));
            }
        }
        for (Map.Entry<String, AppliedState.Group> entry : applied.groups().entrySet()) {
            if (!desired.containsKey(entry.getKey())) {
                AppliedState.Group gone = entry.getValue();
                plan.emptiedGroups.add(new ImportRequest.Group(gone.name(), entry.getKey(), List.of()));
                plan.groupsEmptied.add(new ChangeSet.GroupChange(entry.getKey(), gone.name(), gone.name(), 0, 0,
                        gone.memberExternalIds().size()));
            }
        }
        return desired;
    }

    /** {@code 24h}, {@code 90m}, {@code 45s}: the largest unit that divides the duration. */
    static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** The lists a diff fills, each in externalId order. */
    private static final class Plan {
        final List<ImportRequest.Member> invited = new ArrayList<>();
        final List<ImportRequest.Member> removed = new ArrayList<>();
        /** Every desired member, as a full run sends it. */
        final List<ImportRequest.Member> current = new ArrayList<>();
        final List<ChangeSet.EmailChange> emailChanges = new ArrayList<>();
        int unchangedUsers;
        final List<ImportRequest.Group> changedGroups = new ArrayList<>();
        /** Every desired group, as a full run sends it. */
        final List<ImportRequest.Group> currentGroups = new ArrayList<>();
        final List<ImportRequest.Group> emptiedGroups = new ArrayList<>();
        final List<ChangeSet.GroupChange> groupsUpdated = new ArrayList<>();
        final List<ChangeSet.GroupChange> groupsEmptied = new ArrayList<>();
        int unchangedGroups;
    }
}
