package io.dirsync.sandbox;

import io.dirsync.sandbox.OfficialImportRequest.GroupEntry;
import io.dirsync.sandbox.OfficialImportRequest.MemberEntry;
import io.dirsync.sandbox.Organization.GroupRow;
import io.dirsync.sandbox.Organization.MemberRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a validated import to the organization as the official server does: the controller's size check, then
 * {@code ImportOrganizationUsersAndGroupsCommand} step by step. Like the server it has no transaction: a failure
 * part-way leaves the earlier steps applied, and the removal events, logged last, unlogged.
 */
final class OfficialImport {

    static final String TOO_MUCH_DATA = "You cannot import this much data at once.";
    static final String CANNOT_USE_DIRECTORY = "Organization cannot use directory syncing.";
    static final String CANNOT_USE_GROUPS = "Organization cannot use groups.";
    static final String OVERWRITE_WOULD_REMOVE_NO_MASTER_PASSWORD = "Sync failed. To proceed, disable the 'Remove and"
            + " re-add users during next sync' setting and try again.";
    static final String SELF_HOSTED_CANNOT_AUTOSCALE = "Cannot autoscale on self-hosted instance.";
    static final String SEAT_LIMIT_REACHED = "Seat limit has been reached.";
    static final String NO_CONFIRMED_OWNER = "Organization must have at least one confirmed owner.";

    private static final int LIMIT_WITHOUT_LARGE_IMPORT = 2000;

    private final Organization org;
    private final ServerSettings settings;
    private final OfficialImportRequest request;
    /** The server's {@code ExistingExternalUsersIdDict}: externalId → member id, kept up to date step by step. */
    private final Map<String, String> memberIdByExternalId = new HashMap<>();
    private final List<Event> removalEvents = new ArrayList<>();

    private OfficialImport(Organization org, ServerSettings settings, OfficialImportRequest request) {
        this.org = org;
        this.settings = settings;
        this.request = request;
    }

    /** Applies the import, or throws the error the server answers (possibly after applying part of it). */
    static void apply(Organization org, ServerSettings settings, OfficialImportRequest request) {
        new OfficialImport(org, settings, request).run();
    }

    private void run() {
        checkSize();
        if (request.groups() == null || request.members() == null || request.members().contains(null)) {
            throw ErrorBodies.officialUnhandled();
        }
        if (!settings.useDirectory()) {
            throw ErrorBodies.officialBadRequest(CANNOT_USE_DIRECTORY);
        }
        List<MemberEntry> imported = request.members().stream()
                .filter(member -> !member.deleted())
                .map(member -> new MemberEntry(member.email().toLowerCase(Locale.ROOT), member.externalId(), false))
                .toList();
        List<String> removeExternalIds = request.members().stream()
                .filter(MemberEntry::deleted).map(MemberEntry::externalId).toList();
        Set<String> importedExternalIds = new HashSet<>();
        imported.forEach(member -> importedExternalIds.add(member.externalId()));

        List<MemberRow> loaded = List.copyOf(org.memberRows());
        List<MemberRow> existingExternal = loaded.stream().filter(row -> !isBlank(row.externalId)).toList();
        for (MemberRow row : existingExternal) {
            if (memberIdByExternalId.putIfAbsent(row.externalId, row.id) != null) {
                throw ErrorBodies.officialUnhandled();
            }
        }

        removeDeletedEntries(removeExternalIds, existingExternal, importedExternalIds);
        if (Boolean.TRUE.equals(request.overwriteExisting())) {
            removeMembersMissingFromImport(existingExternal, importedExternalIds);
        }
        linkExistingMembersByEmail(loaded, imported);
        addNewMembers(imported, importedExternalIds);
        importGroups();
        removalEvents.forEach(org::log);
    }

    /** The controller's check, cloud only; it counts before anything else looks at the lists (and crashes on null). */
    private void checkSize() {
        if (!settings.cloud() || request.largeImport()) {
            return;
        }
        if (request.groups() == null) {
            throw ErrorBodies.officialUnhandled();
        }
        if (request.groups().size() > LIMIT_WITHOUT_LARGE_IMPORT) {
            throw ErrorBodies.officialBadRequest(TOO_MUCH_DATA);
        }
        if (request.members() == null || request.members().contains(null)) {
            throw ErrorBodies.officialUnhandled();
        }
        if (request.members().stream().filter(member -> !member.deleted()).count() > LIMIT_WITHOUT_LARGE_IMPORT) {
            throw ErrorBodies.officialBadRequest(TOO_MUCH_DATA);
        }
    }

    /** Step 3: {@code deleted:true} entries remove members by externalId; never owners, never re-imported ids. */
    private void removeDeletedEntries(List<String> removeExternalIds, List<MemberRow> existingExternal,
                                      Set<String> importedExternalIds) {
        if (removeExternalIds.isEmpty()) {
            return;
        }
        Map<String, MemberRow> existingByExternalId = new HashMap<>();
        existingExternal.forEach(row -> existingByExternalId.put(row.externalId, row));
        Set<String> ids = new LinkedHashSet<>(removeExternalIds);
        ids.removeAll(importedExternalIds);
        List<MemberRow> toRemove = ids.stream()
                .map(existingByExternalId::get)
                .filter(Objects::nonNull)
                .filter(row -> row.type != MemberType.OWNER)
                .toList();
        org.removeMembers(toRemove);
        toRemove.forEach(row -> removalEvents.add(Event.aboutMember(EventType.MEMBER_REMOVED, row.id)));
        // The server does not update its lists here, so step 4 sees these members again.
    }

    /** Step 4, {@code overwriteExisting}: every external non-owner not in the import goes, unless one lacks a master password. */
    private void removeMembersMissingFromImport(List<MemberRow> existingExternal, Set<String> importedExternalIds) {
        List<MemberRow> toRemove = existingExternal.stream()
                .filter(row -> row.type != MemberType.OWNER)
                .filter(row -> !importedExternalIds.contains(row.externalId))
                .filter(row -> memberIdByExternalId.containsKey(row.externalId))
                .toList();
        if (toRemove.stream().anyMatch(row -> !row.hasMasterPassword)) {
            throw ErrorBodies.officialBadRequest(OVERWRITE_WOULD_REMOVE_NO_MASTER_PASSWORD);
        }
        org.removeMembers(toRemove);
        toRemove.forEach(row -> {
            removalEvents.add(Event.aboutMember(EventType.MEMBER_REMOVED, row.id));
            memberIdByExternalId.remove(row.externalId);
        });
    }

    /** Step 5: a member without an externalId whose email is imported gets that externalId; nothing else changes. */
    private void linkExistingMembersByEmail(List<MemberRow> loaded, List<MemberEntry> imported) {
        if (imported.isEmpty()) {
            return;
        }
        Map<String, MemberRow> existingByEmail = new LinkedHashMap<>();
        for (MemberRow row : loaded) {
            if (isBlank(row.externalId) && existingByEmail.putIfAbsent(row.email, row) != null) {
                throw ErrorBodies.officialUnhandled();
            }
        }
        Map<String, MemberEntry> importedByEmail = new HashMap<>();
        for (MemberEntry member : imported) {
            if (importedByEmail.putIfAbsent(member.email(), member) != null) {
                throw ErrorBodies.officialUnhandled(); // duplicate email: ToDictionary throws
            }
        }
        Map<MemberRow, String> links = new LinkedHashMap<>();
        existingByEmail.forEach((email, row) -> {
            MemberEntry member = importedByEmail.get(email);
            if (member != null) {
                // Dictionary.Add: an externalId another member already has fails the request before anything is saved.
                if (memberIdByExternalId.putIfAbsent(member.externalId(), row.id) != null) {
                    throw ErrorBodies.officialUnhandled();
                }
                links.put(row, member.externalId());
            }
        });
        links.forEach((row, externalId) -> row.externalId = externalId);
    }

    /** Step 6: invite (or stage) each imported member whose externalId the organization does not know yet. */
    private void addNewMembers(List<MemberEntry> imported, Set<String> importedExternalIds) {
        Set<String> toAdd = new HashSet<>(importedExternalIds);
        toAdd.removeAll(memberIdByExternalId.keySet());
        List<MemberEntry> newMembers = imported.stream()
                .filter(member -> toAdd.contains(member.externalId()) && !isBlank(member.email()))
                .toList();
        List<MemberRow> added = !request.inviteUsersAfterProvisioning() && settings.stagedStatusFlag()
                ? stage(newMembers) : invite(newMembers);
        added.forEach(row -> memberIdByExternalId.putIfAbsent(row.externalId, row.id));
    }

    /** {@code OrganizationService.SaveUsersSendInvitesAsync}: known emails skipped, seats checked, owner required. */
    private List<MemberRow> invite(List<MemberEntry> invites) {
        Set<String> knownEmails = knownEmails(invites);
        int newSeatsRequired = 0;
        if (org.seats() != null) {
            long availableSeats = org.seats() - org.occupiedSeats();
            newSeatsRequired = (int) (invites.size() - knownEmails.size() - availableSeats);
        }
        if (newSeatsRequired > 0) {
            String failure = whyCannotAutoscale(newSeatsRequired);
            if (failure != null) {
                throw ErrorBodies.officialBadRequest(failure);
            }
        }
        // With no invites at all, "all invited are owners" is vacuously true and the check is skipped.
        if (!invites.isEmpty() && org.confirmedOwners() == 0) {
            throw ErrorBodies.officialBadRequest(NO_CONFIRMED_OWNER);
        }
        List<MemberRow> invited = new ArrayList<>();
        for (MemberEntry member : invites) {
            if (!knownEmails.contains(member.email().toLowerCase(Locale.ROOT))) {
                invited.add(org.addMember(member.email(), MemberType.USER, MemberStatus.INVITED, member.externalId(),
                        false));
            }
        }
        if (newSeatsRequired > 0) {
            org.addSeats(newSeatsRequired);
        }
        invited.forEach(row -> org.log(Event.aboutMember(EventType.MEMBER_INVITED, row.id)));
        return invited;
    }

    /** {@code OrganizationService.CanScaleAsync}, for an organization without a provider or billing trouble. */
    private String whyCannotAutoscale(int seatsToAdd) {
        if (!settings.cloud()) {
            return SELF_HOSTED_CANNOT_AUTOSCALE;
        }
        Integer max = settings.maxAutoscaleSeats();
        if (max != null && max < org.seats() + seatsToAdd) {
            return SEAT_LIMIT_REACHED;
        }
        return null;
    }

    /** {@code CreateStagedOrganizationUsersCommand}: no email, no seat check; known and repeated emails skipped. */
    private List<MemberRow> stage(List<MemberEntry> members) {
        Set<String> seen = knownEmails(members);
        List<MemberRow> staged = new ArrayList<>();
        for (MemberEntry member : members) {
            if (seen.add(member.email().toLowerCase(Locale.ROOT))) {
                staged.add(org.addMember(member.email(), MemberType.USER, MemberStatus.STAGED, member.externalId(),
                        false));
            }
        }
        staged.forEach(row -> org.log(Event.aboutMember(EventType.MEMBER_STAGED, row.id)));
        return staged;
    }

    /** {@code OrganizationUser_SelectKnownEmails}: which of these emails a member already has, ignoring case. */
    private Set<String> knownEmails(List<MemberEntry> members) {
        Set<String> orgEmails = new HashSet<>();
        org.memberRows().forEach(row -> {
            if (row.email != null) {
                orgEmails.add(row.email.toLowerCase(Locale.ROOT));
            }
        });
        Set<String> known = new HashSet<>();
        members.stream().map(member -> member.email().toLowerCase(Locale.ROOT))
                .filter(orgEmails::contains).forEach(known::add);
        return known;
    }

    /** Step 7: create or rename groups by externalId and replace their membership; groups are never deleted. */
    private void importGroups() {
        List<GroupEntry> groups = request.groups();
        if (groups.isEmpty()) {
            return;
        }
        // The groups are mapped lazily: Any() maps only the first one, before the UseGroups check.
        GroupEntry first = groups.get(0);
        if (first == null || first.memberExternalIds() == null) {
            throw ErrorBodies.officialUnhandled();
        }
        if (!settings.useGroups()) {
            throw ErrorBodies.officialBadRequest(CANNOT_USE_GROUPS);
        }
        Map<String, GroupEntry> importedByExternalId = new LinkedHashMap<>();
        for (GroupEntry group : groups) {
            if (group == null || group.memberExternalIds() == null
                    || importedByExternalId.putIfAbsent(group.externalId(), group) != null) {
                throw ErrorBodies.officialUnhandled();
            }
        }
        Map<String, GroupRow> existingByExternalId = new LinkedHashMap<>();
        for (GroupRow row : org.groupRows()) {
            if (!isBlank(row.externalId) && existingByExternalId.putIfAbsent(row.externalId, row) != null) {
                throw ErrorBodies.officialUnhandled();
            }
        }

        List<GroupRow> created = new ArrayList<>();
        for (GroupEntry group : importedByExternalId.values()) {
            if (!existingByExternalId.containsKey(group.externalId())) {
                GroupRow row = org.addGroup(group.name(), group.externalId());
                org.replaceGroupMembers(row, memberIds(group));
                created.add(row);
            }
        }
        created.forEach(row -> org.log(Event.aboutGroup(EventType.GROUP_CREATED, row.id)));

        List<GroupRow> matched = existingByExternalId.values().stream()
                .filter(row -> importedByExternalId.containsKey(row.externalId))
                .toList();
        for (GroupRow row : matched) {
            GroupEntry group = importedByExternalId.get(row.externalId);
            if (!Objects.equals(row.name, group.name())) {
                row.name = group.name();
            }
            org.replaceGroupMembers(row, memberIds(group));
        }
        // Logged for every matched group, changed or not.
        matched.forEach(row -> org.log(Event.aboutGroup(EventType.GROUP_UPDATED, row.id)));
    }

    /** The group's target membership: its memberExternalIds that belong to members with that externalId. */
    private Set<String> memberIds(GroupEntry group) {
        Set<String> ids = new LinkedHashSet<>();
        new LinkedHashSet<>(group.memberExternalIds()).stream()
                .map(memberIdByExternalId::get)
                .filter(Objects::nonNull)
                .forEach(ids::add);
        return ids;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
