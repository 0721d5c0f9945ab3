package io.dirsync.sandbox;

import java.util.List;

/**
 * The import body as the official server binds it ({@code OrganizationImportRequestModel}). Everything the
 * server tolerates at binding time may be null here, because it fails later and differently: a null list or
 * list element with a 500, a missing {@code overwriteExisting} with a model-state 400.
 */
record OfficialImportRequest(List<GroupEntry> groups, List<MemberEntry> members, Boolean overwriteExisting,
                             boolean largeImport, boolean inviteUsersAfterProvisioning) {

    record GroupEntry(String name, String externalId, List<String> memberExternalIds) {
    }

    record MemberEntry(String email, String externalId, boolean deleted) {
    }
}
