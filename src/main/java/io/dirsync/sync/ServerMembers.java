package io.dirsync.sync;

import io.dirsync.bitwarden.BitwardenSettings.ServerKind;
import io.dirsync.bitwarden.OrganizationMember;
import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.model.ImportRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The route step that reads the organization's member list ({@code GET /public/members}, the official server only)
 * when the plan needs what only the server knows:
 * <ul>
 * <li>an {@code overwriteExisting} request makes the server remove, on its own, every member it lists with an
 * externalId the request does not carry (owners excepted): those removals are counted before anything is sent, so
 * the {@link DeletionGuard} weighs them and the summary reports them;</li>
 * <li>a run without an applied state (the first, or after {@code clear-cache}) sends every member as new, and the
 * server links those it already has instead of inviting them: they are counted as already members, not as
 * invited.</li>
 * </ul>
 * Vaultwarden cannot list its members: there the overwrite's removals stay uncounted (the guard then refuses the run
 * unless deletions are allowed) and the summary says that members it already has are linked.
 */
public class ServerMembers extends ConfiguredStep<ServerKind> {

    /** For Camel: {@code bitwarden.server} is read from the context's properties at each call. */
    public ServerMembers() {
    }

    public ServerMembers(ServerKind server) {
        super(server);
    }

    /** Whether the plan needs the member list, and the server has one. */
    public boolean needed(ChangeSet changes) {
        if (settings() != ServerKind.BITWARDEN || changes.isEmpty()) {
            return false;
        }
        boolean overwrite = changes.overwriteExisting() && !changes.serverRemovals().known();
        return overwrite || changes.whoIsThereUnknown();
    }

    /** The plan completed from the member list (the aggregation of the enrich step). */
    public ChangeSet learn(ChangeSet changes, List<OrganizationMember> members) {
        ChangeSet learnt = changes.withAlreadyMembers(alreadyMembers(changes, members));
        return changes.overwriteExisting() ? learnt.withServerRemovals(overwriteRemovals(changes, members)) : learnt;
    }

    private static List<ImportRequest.Member> alreadyMembers(ChangeSet changes, List<OrganizationMember> members) {
        Set<String> linked = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (OrganizationMember member : members) {
            if (member.isLinked()) {
                linked.add(member.externalId());
            }
            if (member.email() != null) {
                emails.add(member.email().toLowerCase(Locale.ROOT));
            }
        }
        return changes.invited().stream()
                .filter(m -> linked.contains(m.externalId()) || emails.contains(m.email().toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static ChangeSet.ServerRemovals overwriteRemovals(ChangeSet changes, List<OrganizationMember> members) {
        Set<String> accounted = new HashSet<>();
        changes.members().forEach(m -> accounted.add(m.externalId()));
        List<ImportRequest.Member> removed = new ArrayList<>();
        int linked = 0;
        for (OrganizationMember member : members) {
            if (member.isLinked() && !member.isOwner()) {
                linked++;
                if (!accounted.contains(member.externalId())) {
                    removed.add(new ImportRequest.Member(member.email(), member.externalId(), true));
                }
            }
        }
        removed.sort(Comparator.comparing(ImportRequest.Member::externalId));
        return new ChangeSet.ServerRemovals(removed, linked, true);
    }

    @Override
    protected ServerKind settingsFrom(Settings settings) {
        return ServerKind.from(settings);
    }
}
