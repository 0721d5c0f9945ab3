package io.dirsync.sync;

import io.dirsync.ConfigurationException;
import io.dirsync.bitwarden.BitwardenSettings;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Durations;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.ImportRequest;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Handler;

/**
 * The route step "diff": compares a {@link Snapshot} with the state dirsync last applied to the organization and
 * plans the requests that bring the organization in line, sending only what changed.
 *
 * <ul>
 * <li>Desired members: users of the snapshot that are not deleted, and not disabled when
 * {@code sync.remove-disabled} is on. One that is not applied yet is invited; an applied one that is not desired
 * any more is removed ({@code deleted:true}, with the email last applied). Keyed by externalId.</li>
 * <li>An applied member the normalizer left out (still in the directory, but with an email or an externalId the
 * server would refuse) is not a leaver: it keeps its membership and its group memberships until fixed. Likewise a
 * left-out group stays as it was applied.</li>
 * <li>A member whose email changed under the same externalId is not sent (the API cannot change an email, and a
 * removal and re-invite would cost the person their membership): it is reported, and the applied email is kept.</li>
 * <li>Groups: members are the flattened members that are members after this run (as read when users are not
 * synced). A new, renamed or re-membered group is sent with its full list; an applied group gone from the snapshot
 * is sent with an empty list, reported as emptied, and forgotten.</li>
 * <li>Entries the applied state marks unsure (a failed run may or may not have changed them on the server) are sent
 * again as the directory now wants them: invited or removed, the group with its members or empty.</li>
 * <li>Holding removals ({@link DiffSettings#holdRemovals()}, asked by the {@link DeletionGuard}): members who would
 * be removed stay, groups keep the members they would lose and groups gone from the directory stay as they are;
 * invitations and new memberships go ahead.</li>
 * <li>Full runs re-send every desired member and group (members with the email Bitwarden has; against Vaultwarden
 * new invitations only, as it would restore a member revoked by hand) and still send the removals computed against
 * the applied state. A run is full on {@code --full}, without a usable state (none, or one for another server or
 * organization, which is then ignored: removals are never computed from it), when the settings fingerprint changed,
 * and once {@code sync.full-every} has passed since the last full run.</li>
 * <li>{@code sync.overwrite-existing}: when anything changed (or the run is full) the complete desired snapshot is
 * sent, plus the removals, as one request with {@code overwriteExisting:true}; more than 2000 entries are refused
 * as bwdc refuses them; with {@code sync.users=false} it is refused (the server would remove every member). The
 * server's own removals are counted by a later step ({@link ServerMembers}).</li>
 * <li>With {@code sync.users=false} members are neither sent nor forgotten; likewise groups with
 * {@code sync.groups=false}.</li>
 * </ul>
 * Output is deterministic: everything is sorted by externalId.
 */
public class Differ extends ConfiguredStep<DiffSettings> {

    /** The most members and groups one request may carry: the server's limit without largeImport, and bwdc's. */
    public static final int MAX_REQUEST_ENTRIES = 2000;

    private static final Comparator<ImportRequest.Member> BY_EXTERNAL_ID =
            Comparator.comparing(ImportRequest.Member::externalId);

    static final String OVERWRITE_TOO_LARGE =
            "You cannot use the 'Remove and re-add organization users during the next sync' option with large imports.";

    /**
     * What a plan is made from.
     *
     * @param previous the saved state, if any
     * @param now      the run's start: the sync times of the next state
     */
    public record Input(Snapshot snapshot, Optional<AppliedState> previous, SyncTarget target, DiffSettings settings,
            Instant now) {

        public Input holdingRemovals() {
            return new Input(snapshot, previous, target, settings.holdingRemovals(), now);
        }
    }

    /** For Camel: settings are read from the context's properties at each call. */
    public Differ() {
    }

    public Differ(DiffSettings settings) {
        super(settings);
    }

    /** The route step: diffs the snapshot against the run's applied state; {@code sync --full} adds to the settings. */
    @Handler
    public ChangeSet diff(@Body Snapshot snapshot, @ExchangeProperty(SyncRun.PROPERTY) SyncRun run) {
        DiffSettings settings = settings();
        return diff(snapshot, run.applied(), run.target(),
                settings.withForceFull(settings.forceFull() || run.options().full()), run.started());
    }

    @Override
    protected DiffSettings settingsFrom(Settings settings) {
        return DiffSettings.of(SyncSettings.from(settings), false,
                BitwardenSettings.ServerKind.from(settings) == BitwardenSettings.ServerKind.VAULTWARDEN);
    }

    /** The plan from {@code previous} (the saved state, if any) to {@code snapshot}. */
    public static ChangeSet diff(Snapshot snapshot, Optional<AppliedState> previous, SyncTarget target,
            DiffSettings settings, Instant now) {
        return diff(new Input(snapshot, previous, target, settings, now));
    }

    public static ChangeSet diff(Input input) {
        DiffSettings settings = input.settings();
        SyncTarget target = input.target();
        Snapshot snapshot = input.snapshot();
        if (settings.overwriteExisting() && !settings.syncUsers()) {
            throw new ConfigurationException("Settings sync.overwrite-existing=true and sync.users=false do not go"
                    + " together: the server would remove every member it knows by an externalId. Set"
                    + " sync.overwrite-existing=false.");
        }
        AppliedState usable = input.previous().filter(s -> s.isFor(target.apiUrl(), target.organizationId()))
                .orElse(null);
        AppliedState applied = usable != null ? usable : AppliedState.empty(target.apiUrl(), target.organizationId());
        String fullReason = fullReason(settings, input.previous().isPresent(), usable, target, input.now());

        Plan plan = new Plan(applied, snapshot, settings.holdRemovals());
        SortedMap<String, String> nextUsers = settings.syncUsers()
                ? planMembers(snapshot, settings.removeDisabled(), plan)
                : new TreeMap<>(applied.users());
        SortedMap<String, AppliedState.Group> nextGroups = settings.syncGroups()
                ? planGroups(snapshot, settings.syncUsers() ? new HashSet<>(nextUsers.keySet()) : null, plan)
                : new TreeMap<>(applied.groups());

        boolean changed = !plan.invited.isEmpty() || !plan.removed.isEmpty() || !plan.changedGroups.isEmpty()
                || !plan.emptiedGroups.isEmpty() || !plan.resent.isEmpty();
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
        if (full && !(settings.vaultwarden() && !settings.overwriteExisting())) {
            members.addAll(plan.current);
        } else {
            List<ImportRequest.Member> added = new ArrayList<>(plan.invited);
            added.addAll(plan.resent);
            added.sort(BY_EXTERNAL_ID);
            members.addAll(added);
        }
        List<ImportRequest.Group> groups = new ArrayList<>(full ? plan.currentGroups : plan.changedGroups);
        groups.addAll(plan.emptiedGroups);
        groups.sort(Comparator.comparing(ImportRequest.Group::externalId));

        // what may differ on the server from the applied state once a request went out: what is not a re-send
        // of an applied entry as it is
        List<ImportRequest.Member> changing = new ArrayList<>(plan.removed);
        changing.addAll(plan.invited);
        changing.addAll(plan.resent);
        List<ImportRequest.Group> changingGroups = new ArrayList<>(plan.changedGroups);
        changingGroups.addAll(plan.emptiedGroups);
        AppliedState inFlight = applied.withUnsure(applied.unsure().plus(changing, changingGroups));
        AppliedState nextState = new AppliedState(target.apiUrl(), target.organizationId(),
                target.settingsFingerprint(),
                full ? input.now() : applied.lastFullSync(),
                settings.syncUsers() ? input.now() : applied.lastUserSync(),
                settings.syncGroups() ? input.now() : applied.lastGroupSync(),
                nextUsers, nextGroups, applied.unsure().minus(members, groups));

        boolean settingsChanged = usable == null
                || !Objects.equals(usable.settingsFingerprint(), target.settingsFingerprint());
        ChangeSet.GuardFacts facts = new ChangeSet.GuardFacts(applied.users().size(), applied.memberships(),
                applied.groups().size(), plan.membershipsRemoved,
                settings.syncUsers() && snapshot.users().isEmpty(),
                settings.syncGroups() && snapshot.groups().isEmpty(), settingsChanged);
        ChangeSet.ServerRemovals serverRemovals = settings.overwriteExisting()
                ? ChangeSet.ServerRemovals.UNCOUNTED : ChangeSet.ServerRemovals.NONE;
        ChangeSet.Held held = new ChangeSet.Held(plan.heldMembers, plan.heldMemberships, plan.heldGroups, null);
        List<ImportRequest.Member> alreadyMembers = settings.syncUsers() && applied.users().isEmpty() ? null : List.of();
        return new ChangeSet(members, groups, plan.invited, alreadyMembers, plan.removed, plan.groupsUpdated,
                plan.groupsEmptied, plan.unchangedUsers, plan.unchangedGroups, plan.emailChanges, snapshot.leftOut(),
                full, fullReason, settings.overwriteExisting(), serverRemovals, held, facts, inFlight, nextState,
                input);
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
                return "sync.full-every=" + Durations.format(every) + " has passed since the last full sync";
            }
        }
        return null;
    }

    /** Plans members; returns the next state's members (externalId → the email Bitwarden has). */
    private static SortedMap<String, String> planMembers(Snapshot snapshot, boolean removeDisabled, Plan plan) {
        AppliedState applied = plan.applied;
        Map<String, String> unsure = applied.unsure().users();
        Map<String, String> desired = new HashMap<>(snapshot.users().size() * 4 / 3 + 1);
        for (DirectoryUser user : snapshot.users()) {
            if (!user.deleted() && !(user.disabled() && removeDisabled)) {
                desired.putIfAbsent(user.externalId(), user.email());
            }
        }
        SortedMap<String, String> next = new TreeMap<>();
        for (Map.Entry<String, String> member : applied.users().entrySet()) {
            String externalId = member.getKey();
            if (!desired.containsKey(externalId)) {
                leaving(externalId, member.getValue(), next, plan);
            }
        }
        for (Map.Entry<String, String> member : unsure.entrySet()) {
            String externalId = member.getKey();
            if (!desired.containsKey(externalId) && !applied.users().containsKey(externalId)) {
                leaving(externalId, member.getValue(), null, plan);
            }
        }
        plan.removed.sort(BY_EXTERNAL_ID);
        plan.heldMembers.sort(BY_EXTERNAL_ID);
        String[] desiredIds = desired.keySet().toArray(String[]::new);
        Arrays.sort(desiredIds);
        for (String externalId : desiredIds) {
            String email = desired.get(externalId);
            String appliedEmail = applied.users().get(externalId);
            if (appliedEmail == null) {
                ImportRequest.Member invite = new ImportRequest.Member(email, externalId, false);
                plan.invited.add(invite);
                plan.current.add(invite);
                next.put(externalId, email);
            } else {
                plan.unchangedUsers++;
                ImportRequest.Member member = new ImportRequest.Member(appliedEmail, externalId, false);
                plan.current.add(member);
                if (unsure.containsKey(externalId)) {
                    plan.resent.add(member);
                }
                next.put(externalId, appliedEmail);
                if (!appliedEmail.equals(email)) {
                    plan.emailChanges.add(new ChangeSet.EmailChange(externalId, appliedEmail, email));
                }
            }
        }
        return next;
    }

    /**
     * A member (applied, or unsure when {@code next} is null) that is not desired: removed, unless the normalizer left
     * it out (it is still in the directory) or removals are held. Either way an applied one stays in {@code next}.
     */
    private static void leaving(String externalId, String email, SortedMap<String, String> next, Plan plan) {
        ImportRequest.Member removal = new ImportRequest.Member(email, externalId, true);
        if (plan.leftOutUsers.contains(externalId)) {
            if (next != null) {
                next.put(externalId, email);
            }
        } else if (plan.holdRemovals) {
            plan.heldMembers.add(removal);
            plan.departing.add(externalId);
            if (next != null) {
                next.put(externalId, email);
            }
        } else {
            plan.removed.add(removal);
            plan.departing.add(externalId);
        }
    }

    /**
     * Plans groups; returns the next state's groups. {@code members} restricts group members to the members after
     * this run, or is null to keep them as read (users not synced).
     */
    private static SortedMap<String, AppliedState.Group> planGroups(Snapshot snapshot, Set<String> members,
            Plan plan) {
        AppliedState applied = plan.applied;
        Map<String, String> unsure = applied.unsure().groups();
        SortedMap<String, AppliedState.Group> next = new TreeMap<>();
        for (DirectoryGroup group : snapshot.groups()) {
            if (next.containsKey(group.externalId())) {
                continue;
            }
            AppliedState.Group before = applied.groups().get(group.externalId());
            List<String> groupMembers = new ArrayList<>(group.memberUserIds().size());
            for (String member : group.memberUserIds()) {
                if (members == null || members.contains(member)) {
                    groupMembers.add(member);
                }
            }
            groupMembers.sort(null); // the snapshot's members are a set: no duplicates to drop
            if (before != null && !before.memberExternalIds().equals(groupMembers)) {
                Set<String> losing = new TreeSet<>(before.memberExternalIds());
                groupMembers.forEach(losing::remove);
                losing.removeIf(m -> members != null && !members.contains(m));
                int counted = plan.countedMemberships(losing);
                if (plan.holdRemovals && !losing.isEmpty()) {
                    Set<String> kept = new TreeSet<>(groupMembers);
                    kept.addAll(losing);
                    groupMembers = new ArrayList<>(kept);
                    plan.held(group.externalId(), group.name(), before, counted);
                } else {
                    plan.membershipsRemoved += counted;
                }
            }
            next.put(group.externalId(), new AppliedState.Group(group.name(), groupMembers));
        }
        for (Map.Entry<String, AppliedState.Group> entry : next.entrySet()) {
            String externalId = entry.getKey();
            AppliedState.Group group = entry.getValue();
            AppliedState.Group before = applied.groups().get(externalId);
            ImportRequest.Group request = new ImportRequest.Group(group.name(), externalId, group.memberExternalIds());
            plan.currentGroups.add(request);
            if (group.equals(before) && !unsure.containsKey(externalId)) {
                plan.unchangedGroups++;
                continue;
            }
            plan.changedGroups.add(request);
            if (before == null) {
                plan.groupsUpdated.add(new ChangeSet.GroupChange(externalId, group.name(), null,
                        group.memberExternalIds().size(), group.memberExternalIds().size(), 0));
            } else {
                Set<String> old = new HashSet<>(before.memberExternalIds());
                Set<String> now = new HashSet<>(group.memberExternalIds());
                int added = (int) now.stream().filter(m -> !old.contains(m)).count();
                int removed = (int) old.stream().filter(m -> !now.contains(m)).count();
                plan.groupsUpdated.add(new ChangeSet.GroupChange(externalId, group.name(), before.name(),
                        now.size(), added, removed));
            }
        }
        for (Map.Entry<String, AppliedState.Group> entry : applied.groups().entrySet()) {
            if (!next.containsKey(entry.getKey())) {
                vanished(entry.getKey(), entry.getValue().name(), entry.getValue(), members, next, plan);
            }
        }
        for (Map.Entry<String, String> entry : unsure.entrySet()) {
            if (!next.containsKey(entry.getKey()) && !applied.groups().containsKey(entry.getKey())) {
                vanished(entry.getKey(), entry.getValue(), null, members, next, plan);
            }
        }
        return next;
    }

    /**
     * A group (applied, or unsure when {@code before} is null) gone from the snapshot: emptied, unless the normalizer
     * left it out or removals are held; an applied one then stays as it was.
     */
    private static void vanished(String externalId, String name, AppliedState.Group before, Set<String> members,
            SortedMap<String, AppliedState.Group> next, Plan plan) {
        Set<String> losing = new HashSet<>();
        if (before != null) {
            for (String member : before.memberExternalIds()) {
                if (members == null || members.contains(member)) {
                    losing.add(member);
                }
            }
        }
        int counted = plan.countedMemberships(losing);
        boolean keep = plan.leftOutGroups.contains(externalId) || (plan.holdRemovals && !losing.isEmpty());
        if (keep) {
            if (before != null) {
                next.put(externalId, before);
                if (!plan.leftOutGroups.contains(externalId)) {
                    plan.held(externalId, name, before, counted);
                }
            }
            return;
        }
        plan.membershipsRemoved += counted;
        plan.emptiedGroups.add(new ImportRequest.Group(name, externalId, List.of()));
        plan.groupsEmptied.add(new ChangeSet.GroupChange(externalId, name, name, 0, 0,
                before == null ? 0 : before.memberExternalIds().size()));
    }

    /** The lists a diff fills, each in externalId order. */
    private static final class Plan {
        final AppliedState applied;
        final boolean holdRemovals;
        final Set<String> leftOutUsers = new HashSet<>();
        final Set<String> leftOutGroups = new HashSet<>();
        final List<ImportRequest.Member> invited = new ArrayList<>();
        final List<ImportRequest.Member> removed = new ArrayList<>();
        /** Applied members that are unsure: sent again as they are. */
        final List<ImportRequest.Member> resent = new ArrayList<>();
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
        int membershipsRemoved;
        final List<ImportRequest.Member> heldMembers = new ArrayList<>();
        /** Members removed or held by this run: their memberships are not counted for the guard. */
        final Set<String> departing = new HashSet<>();
        final List<ChangeSet.GroupChange> heldGroups = new ArrayList<>();
        int heldMemberships;

        Plan(AppliedState applied, Snapshot snapshot, boolean holdRemovals) {
            this.applied = applied;
            this.holdRemovals = holdRemovals;
            for (LeftOut entry : snapshot.leftOut()) {
                (entry.kind() == LeftOut.Kind.USER ? leftOutUsers : leftOutGroups).add(entry.externalId());
            }
        }

        /**
         * The memberships of {@code losing} that count against the guard: those of people who stay. A member removed
         * (or whose removal is held) is not counted again for each group it leaves.
         */
        int countedMemberships(Set<String> losing) {
            int counted = 0;
            for (String member : losing) {
                if (!departing.contains(member)) {
                    counted++;
                }
            }
            return counted;
        }

        void held(String externalId, String name, AppliedState.Group before, int memberships) {
            heldMemberships += memberships;
            heldGroups.add(new ChangeSet.GroupChange(externalId, name, before.name(),
                    before.memberExternalIds().size(), 0, memberships));
        }
    }
}
