package io.dirsync.sandbox;

import java.util.List;

/** The import body as Vaultwarden's serde structs take it: every field present and non-null. */
record VaultwardenImportRequest(List<GroupEntry> groups, List<MemberEntry> members, boolean overwriteExisting) {

    VaultwardenImportRequest {
        groups = List.copyOf(groups);
        members = List.copyOf(members);
    }

    record GroupEntry(String name, String externalId, List<String> memberExternalIds) {
        GroupEntry {
            memberExternalIds = List.copyOf(memberExternalIds);
        }
    }

    record MemberEntry(String email, String externalId, boolean deleted) {
    }
}
