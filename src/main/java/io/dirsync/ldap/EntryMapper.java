package io.dirsync.ldap;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import io.dirsync.model.DirectoryUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/** Maps search entries to users and groups as bwdc does, and names the attributes each search must ask for. */
final class EntryMapper {

    private static final String OBJECT_GUID = "objectGUID";
    private static final String USER_ACCOUNT_CONTROL = "userAccountControl";
    private static final int ACCOUNT_DISABLED = 0x2;

    /**
     * A group before its member values are resolved against the users and groups read; {@code moreFrom} is
     * where the next member range starts when the server sent only part of them.
     */
    record GroupEntry(String id, String dn, String externalId, String name, List<String> memberValues, OptionalInt moreFrom) {

        /** Reads the rest of the member ranges, if any, into {@link #memberValues}, each value held as {@code held}. */
        void readRemainingMembers(LDAPConnection connection, String memberAttribute, UnaryOperator<String> held) {
            if (moreFrom.isPresent()) {
                int read = memberValues.size();
                MemberRanges.readRest(connection, dn, memberAttribute, moreFrom.getAsInt(), memberValues);
                memberValues.subList(read, memberValues.size()).replaceAll(held);
            }
        }

        DirectoryEntries.Group toGroup() {
            return new DirectoryEntries.Group(id, DnKey.of(dn), externalId, name, memberValues);
        }
    }

    private final LdapSettings settings;
    private final boolean withObjectGuid;

    EntryMapper(LdapSettings settings) {
        this(settings, false);
    }

    /** @param withObjectGuid also ask for objectGUID (the directory cache's key) when it is not the externalId */
    EntryMapper(LdapSettings settings, boolean withObjectGuid) {
        this.settings = settings;
        this.withObjectGuid = withObjectGuid;
    }

    String[] userAttributes(boolean resolvingMembers) {
        List<String> attributes = new ArrayList<>();
        attributes.add(settings.userEmailAttribute());
        settings.emailPrefixAttribute().ifPresent(attributes::add);
        if (resolvingMembers) {
            attributes.add("uid");
        }
        if (settings.activeDirectory()) {
            attributes.add(USER_ACCOUNT_CONTROL);
        }
        externalIdAttribute().ifPresent(attributes::add);
        if (withObjectGuid) {
            attributes.add(OBJECT_GUID);
        }
        return attributes.stream().distinct().toArray(String[]::new);
    }

    String[] groupAttributes() {
        List<String> attributes = new ArrayList<>(List.of(settings.groupNameAttribute(), "cn",
                MemberRanges.requested(settings.memberAttribute(), settings.activeDirectory())));
        externalIdAttribute().ifPresent(attributes::add);
        if (withObjectGuid) {
            attributes.add(OBJECT_GUID);
        }
        return attributes.stream().distinct().toArray(String[]::new);
    }

    /** The entry's externalId, or null when the configured attribute is missing from it. */
    String externalId(SearchResultEntry entry) {
        Optional<String> attribute = externalIdAttribute();
        if (attribute.isEmpty()) {
            return entry.getDN();
        }
        if (attribute.get().equalsIgnoreCase(OBJECT_GUID)) {
            return objectGuid(entry);
        }
        return entry.getAttributeValue(attribute.get());
    }

    /** The entry's objectGUID in bwdc's form, or null when it has none (or it was not asked for). */
    static String objectGuid(SearchResultEntry entry) {
        byte[] guid = entry.getAttributeValueBytes(OBJECT_GUID);
        return guid == null || guid.length != 16 ? null : AdGuid.format(guid);
    }

    DirectoryEntries.User user(SearchResultEntry entry, String externalId) {
        return new DirectoryEntries.User(withObjectGuid ? objectGuid(entry) : null, DnKey.of(entry.getDN()), externalId,
                email(entry), disabled(entry), entry.getAttributeValue("uid"));
    }

    /** A tombstone from CN=Deleted Objects: Active Directory keeps its objectGUID, and its mail only in the recycle bin. */
    DirectoryUser deletedUser(SearchResultEntry entry, String externalId) {
        return new DirectoryUser(externalId, email(entry), false, true);
    }

    /** The group of a search entry, its member values held as {@code held} makes them. */
    GroupEntry group(SearchResultEntry entry, String externalId, UnaryOperator<String> held) {
        String name = entry.getAttributeValue(settings.groupNameAttribute());
        if (name == null) {
            name = entry.getAttributeValue("cn");
        }
        MemberRanges.Values members = MemberRanges.of(entry, settings.memberAttribute());
        List<String> values = new ArrayList<>(members.values().size());
        for (String value : members.values()) {
            values.add(held.apply(value));
        }
        return new GroupEntry(withObjectGuid ? objectGuid(entry) : null, entry.getDN(), externalId, name, values,
                members.nextStart());
    }

    private String email(SearchResultEntry entry) {
        String email = entry.getAttributeValue(settings.userEmailAttribute());
        if ((email == null || email.isBlank()) && settings.emailPrefixAttribute().isPresent()) {
            String prefix = entry.getAttributeValue(settings.emailPrefixAttribute().get());
            if (prefix != null && !prefix.isBlank()) {
                email = prefix + settings.emailSuffix();
            }
        }
        return email;
    }

    /** {@code userAccountControl}'s disabled flag; asked for in Active Directory mode only, so never set otherwise. */
    private boolean disabled(SearchResultEntry entry) {
        if (!settings.activeDirectory()) {
            return false;
        }
        Integer control = entry.getAttributeValueAsInteger(USER_ACCOUNT_CONTROL);
        return control != null && (control & ACCOUNT_DISABLED) != 0;
    }

    /** objectGUID in Active Directory mode unless another attribute is configured; the DN when none is. */
    private Optional<String> externalIdAttribute() {
        if (settings.externalIdAttribute().isPresent()) {
            return settings.externalIdAttribute();
        }
        return settings.activeDirectory() ? Optional.of(OBJECT_GUID) : Optional.empty();
    }
}
