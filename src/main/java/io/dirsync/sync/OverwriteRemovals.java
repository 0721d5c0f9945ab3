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
import java.util.Set;

/**
 * The route step that counts, before an {@code overwriteExisting} request goes out, the members the server will
 * remove on its own: every member it lists with an externalId that the request does not carry as a member to keep,
 * owners excepted (the official server never removes them, bitwarden-api.md §1.4.2). The {@link DeletionGuard}
 * weighs them with the explicit removals, and the summary reports them. Vaultwarden cannot list its members: there
 * they stay uncounted, and the guard refuses the run unless deletions are allowed.
 */
public class OverwriteRemovals extends ConfiguredStep<ServerKind> {

    /** For Camel: {@code bitwarden.server} is read from the context's properties at each call. */
    public OverwriteRemovals() {
    }

    public OverwriteRemovals(ServerKind server) {
        super(server);
    }

    /** Whether the plan is an overwrite that sends something to a server that can list its members. */
    public boolean needed(ChangeSet changes) {
        return changes.overwriteExisting() && !changes.serverRemovals().known() && !changes.isEmpty()
                && settings() == ServerKind.BITWARDEN;
    }

    /** The plan with the server's own removals counted from its member list (an aggregation of the enrich step). */
    public ChangeSet count(ChangeSet changes, List<OrganizationMember> members) {
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
        return changes.withServerRemovals(new ChangeSet.ServerRemovals(removed, linked, true));
    }

    @Override
    protected ServerKind settingsFrom(Settings settings) {
        return ServerKind.from(settings);
    }
}
