package io.dirsync.sandbox;

import io.dirsync.sandbox.Organization.GroupRow;
import io.dirsync.sandbox.Organization.MemberRow;
import io.dirsync.sandbox.VaultwardenImportRequest.GroupEntry;
import io.dirsync.sandbox.VaultwardenImportRequest.MemberEntry;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an import as Vaultwarden's {@code ldap_import} does (in its {@code api/core/public.rs}):
 * members matched by email, revoke instead of remove, externalIds overwritten, no limits, groups only when enabled
 * and never renamed, {@code overwriteExisting} last. Mail is taken to be enabled, so new members are Invited.
 * Vaultwarden logs no events for an import.
 */
final class VaultwardenImport {

    private static final Logger LOG = LoggerFactory.getLogger(VaultwardenImport.class);

    private final Organization org;
    private final ServerSettings settings;

    private VaultwardenImport(Organization org, ServerSettings settings) {
        this.org = org;
        this.settings = settings;
    }

    static void apply(Organization org, ServerSettings settings, VaultwardenImportRequest request) {
        new VaultwardenImport(org, settings).run(request);
    }

    private void run(VaultwardenImportRequest request) {
        request.members().forEach(this::importMember);
        if (settings.orgGroupsEnabled()) {
            request.groups().forEach(this::importGroup);
        } else if (!request.groups().isEmpty()) {
            LOG.warn("Group support is disabled, groups will not be imported!");
        }
        if (request.overwriteExisting()) {
            Set<String> keep = new HashSet<>();
            request.members().forEach(member -> keep.add(member.externalId()));
            removeMembersNotIn(keep);
        }
    }

    private void importMember(MemberEntry member) {
        Optional<MemberRow> existing = byEmail(member.email());
        if (member.deleted()) {
            existing.ifPresent(row -> {
                if (!isLastConfirmedOwner(row)) {
                    row.revoke();
                }
                row.externalId = storedExternalId(member.externalId());
            });
        } else if (existing.isPresent()) {
            MemberRow row = existing.get();
            row.restore();
            row.externalId = storedExternalId(member.externalId());
        } else {
            MemberRow row = org.addMember(member.email(), MemberType.USER, MemberStatus.INVITED,
                    storedExternalId(member.externalId()), false);
            // Vaultwarden creates a user account row even for an invitee.
            row.userId = UUID.randomUUID().toString();
        }
    }

    /** Found by external_id, or created; an existing group keeps its name. Membership is replaced. */
    private void importGroup(GroupEntry group) {
        GroupRow row = org.groupRows().stream()
                .filter(candidate -> group.externalId().equals(candidate.externalId))
                .findFirst()
                .orElseGet(() -> org.addGroup(group.name(), storedExternalId(group.externalId())));
        Set<String> memberIds = new LinkedHashSet<>();
        for (String externalId : group.memberExternalIds()) {
            org.memberRows().stream()
                    .filter(candidate -> externalId.equals(candidate.externalId))
                    .findFirst()
                    .ifPresent(candidate -> memberIds.add(candidate.id));
        }
        org.replaceGroupMembers(row, memberIds);
    }

    /** Every member with an externalId not in the import goes, except the last confirmed owner; no other guard. */
    private void removeMembersNotIn(Set<String> keep) {
        for (MemberRow row : List.copyOf(org.memberRows())) {
            if (row.externalId != null && !keep.contains(row.externalId) && !isLastConfirmedOwner(row)) {
                org.removeMembers(List.of(row));
            }
        }
    }

    private Optional<MemberRow> byEmail(String email) {
        String lower = email.toLowerCase(Locale.ROOT);
        return org.memberRows().stream().filter(row -> lower.equals(row.email)).findFirst();
    }

    private boolean isLastConfirmedOwner(MemberRow row) {
        return row.type == MemberType.OWNER && row.status == MemberStatus.CONFIRMED && org.confirmedOwners() <= 1;
    }

    /** Vaultwarden stores an empty externalId as none. */
    private static String storedExternalId(String externalId) {
        return externalId == null || externalId.isEmpty() ? null : externalId;
    }
}
