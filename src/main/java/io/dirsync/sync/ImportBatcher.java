package io.dirsync.sync;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.config.SyncSettings;
import io.dirsync.model.ImportRequest;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Handler;

/**
 * The route step before "push": the import requests for a {@link ChangeSet}, as bwdc's request builders make them.
 * <ul>
 * <li>nothing to send: no request;</li>
 * <li>at most 2000 members and groups together: one request, {@code largeImport:false};</li>
 * <li>more: members in requests of at most 2000, then groups in requests of at most 2000 (never mixed), each
 * {@code largeImport:true} — automatic, whatever {@code sync.large-import} says, since the cloud refuses more
 * than 2000 at once without it;</li>
 * <li>{@code overwriteExisting}: exactly one request with {@code overwriteExisting:true} (the server removes
 * whoever is missing from it, so it can never be split; the {@link Differ} refuses larger ones).</li>
 * </ul>
 * Every request carries {@code inviteUsersAfterProvisioning} as {@code sync.invite-users-after-provisioning} says.
 * Members keep the change set's order (removals first), so a removal never trails an invite of the same address.
 */
public class ImportBatcher extends ConfiguredStep<Boolean> {

    public static final int BATCH_SIZE = Differ.MAX_REQUEST_ENTRIES;

    /** For Camel: {@code sync.invite-users-after-provisioning} is read from the context at each call. */
    public ImportBatcher() {
    }

    public ImportBatcher(boolean inviteUsersAfterProvisioning) {
        super(inviteUsersAfterProvisioning);
    }

    @Handler
    public List<ImportRequest> requests(ChangeSet changes) {
        return requests(changes, settings());
    }

    public static List<ImportRequest> requests(ChangeSet changes, boolean inviteUsersAfterProvisioning) {
        if (changes.isEmpty()) {
            return List.of();
        }
        List<ImportRequest.Member> members = changes.members();
        List<ImportRequest.Group> groups = changes.groups();
        int entries = members.size() + groups.size();
        if (changes.overwriteExisting()) {
            if (entries > BATCH_SIZE) {
                throw new IllegalStateException("An overwriteExisting import of " + entries
                        + " entries cannot be split; the Differ should have refused it");
            }
            return List.of(new ImportRequest(groups, members, true, false, inviteUsersAfterProvisioning));
        }
        if (entries <= BATCH_SIZE) {
            return List.of(new ImportRequest(groups, members, false, false, inviteUsersAfterProvisioning));
        }
        List<ImportRequest> requests = new ArrayList<>();
        for (int from = 0; from < members.size(); from += BATCH_SIZE) {
            List<ImportRequest.Member> chunk = members.subList(from, Math.min(from + BATCH_SIZE, members.size()));
            requests.add(new ImportRequest(List.of(), chunk, false, true, inviteUsersAfterProvisioning));
        }
        for (int from = 0; from < groups.size(); from += BATCH_SIZE) {
            List<ImportRequest.Group> chunk = groups.subList(from, Math.min(from + BATCH_SIZE, groups.size()));
            requests.add(new ImportRequest(chunk, List.of(), false, true, inviteUsersAfterProvisioning));
        }
        return requests;
    }

    @Override
    protected Boolean settingsFrom(Settings settings) {
        return SyncSettings.from(settings).inviteUsersAfterProvisioning();
    }
}
