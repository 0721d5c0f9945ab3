package io.dirsync.sync;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.dirsync.model.ImportRequest;
import io.dirsync.model.LeftOut;
import io.dirsync.state.AppliedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The record of one {@code dirsync sync} ({@code sync --report FILE}): the run's facts, and the people and groups it
 * changed, by name. For a run that failed during its push, the lists are what it attempted; the next run finishes
 * what did not reach the server. A run refused before anything was sent lists nothing but why.
 *
 * @param result success, held (a guard held removals back; the rest was applied), refused (nothing sent), or failed;
 *               for a dry run's plan ({@code sync --dry-run --json}): planned, held or refused, what the run would be
 * @param failure the run's one-line error, for a refused or failed run
 */
@JsonPropertyOrder({"started", "finished", "result", "full", "fullReason", "failure", "invited", "alreadyMembers",
        "removed", "groupsUpdated", "groupsEmptied", "emailChanges", "leftOut", "held"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunReport(String started, String finished, String result, boolean full, String fullReason,
        String failure, List<Person> invited, List<Person> alreadyMembers, List<Person> removed,
        List<GroupUpdate> groupsUpdated, List<Group> groupsEmptied, List<ChangeSet.EmailChange> emailChanges,
        List<LeftOut> leftOut, Held held) {

    public static final String SUCCESS = "success";
    /** A dry run's plan, which a guard would let through. */
    public static final String PLANNED = "planned";
    public static final String HELD = "held";
    public static final String REFUSED = "refused";
    public static final String FAILED = "failed";

    /** A member, as Bitwarden knows it. */
    @JsonPropertyOrder({"email", "externalId"})
    public record Person(String email, String externalId) {
    }

    @JsonPropertyOrder({"externalId", "name"})
    public record Group(String externalId, String name) {
    }

    /** A group created, renamed or re-membered; {@code previousName} is null for a new one. */
    @JsonPropertyOrder({"externalId", "name", "previousName", "membersAdded", "membersRemoved"})
    public record GroupUpdate(String externalId, String name, String previousName, List<Person> membersAdded,
            List<Person> membersRemoved) {
    }

    /** What a guard held back: members kept, and the memberships each group kept. */
    @JsonPropertyOrder({"members", "groups"})
    public record Held(List<Person> members, List<GroupKept> groups) {
    }

    @JsonPropertyOrder({"externalId", "name", "membershipsKept"})
    public record GroupKept(String externalId, String name, int membershipsKept) {
    }

    /** The report of a run that ended with {@code changes} applied (or attempted, when {@code failure} is set). */
    public static RunReport of(ChangeSet changes, Instant started, Instant finished, String result, String failure) {
        if (changes == null) {
            return new RunReport(started.toString(), finished.toString(), result, false, null, failure, List.of(),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
        }
        Function<String, String> emails = emails(changes);
        AppliedState before = changes.inFlightState();
        AppliedState after = changes.nextState();
        List<GroupUpdate> updated = changes.groupsUpdated().stream().map(g -> {
            Set<String> old = new TreeSet<>(before.groups().containsKey(g.externalId())
                    ? before.groups().get(g.externalId()).memberExternalIds() : List.of());
            Set<String> now = new TreeSet<>(after.groups().containsKey(g.externalId())
                    ? after.groups().get(g.externalId()).memberExternalIds() : List.of());
            return new GroupUpdate(g.externalId(), g.name(), g.previousName(),
                    people(now.stream().filter(m -> !old.contains(m)).toList(), emails),
                    people(old.stream().filter(m -> !now.contains(m)).toList(), emails));
        }).toList();
        List<Person> removed = new ArrayList<>(members(changes.removed()));
        removed.addAll(members(changes.serverRemovals().members()));
        Held held = changes.held().isEmpty() ? null : new Held(members(changes.held().members()),
                changes.held().groups().stream()
                        .map(g -> new GroupKept(g.externalId(), g.name(), g.removedMembers())).toList());
        return new RunReport(started.toString(), finished.toString(), result, changes.full(), changes.fullReason(),
                failure, members(changes.invited()),
                changes.alreadyMembers() == null ? null : members(changes.alreadyMembers()), removed, updated,
                changes.groupsEmptied().stream().map(g -> new Group(g.externalId(), g.name())).toList(),
                changes.emailChanges(), changes.leftOut(), held);
    }

    private static List<Person> members(List<ImportRequest.Member> members) {
        return members.stream().map(m -> new Person(m.email(), m.externalId())).toList();
    }

    private static List<Person> people(List<String> externalIds, Function<String, String> emails) {
        return externalIds.stream().map(id -> new Person(emails.apply(id), id)).toList();
    }

    /**
     * A member's email as the plan knows it, by externalId: as it will be applied, else as the run sends it again,
     * else as last applied. Looked up, not merged into one more map of every member.
     */
    private static Function<String, String> emails(ChangeSet changes) {
        Map<String, String> next = changes.nextState().users();
        Map<String, String> unsure = changes.inFlightState().unsure().users();
        Map<String, String> applied = changes.inFlightState().users();
        return id -> {
            String email = next.get(id);
            if (email == null) {
                email = unsure.get(id);
            }
            return email != null ? email : applied.get(id);
        };
    }
}
