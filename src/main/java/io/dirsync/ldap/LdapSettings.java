package io.dirsync.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import io.dirsync.ConfigurationException;
import io.dirsync.Messages;
import io.dirsync.config.DirectoryType;
import io.dirsync.config.Key;
import io.dirsync.config.Secret;
import io.dirsync.config.Settings;
import io.dirsync.config.SettingsKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the LDAP source needs, read from the {@code ldap.*} connection keys and bwdc's LDAP sync keys
 * ({@code sync.user-path}, {@code sync.member-attribute}, …). When {@code ldap.active-directory=true}, keys
 * left unset take bwdc's Active Directory defaults. {@code ldap.incremental} (Active Directory only) lets a run
 * read only what changed since the last one ({@link IncrementalRead}).
 */
public record LdapSettings(
        LDAPURL url,
        boolean startTls,
        Optional<Path> caFile,
        Optional<Path> clientCert,
        Optional<Path> clientKey,
        boolean allowUntrusted,
        Optional<String> bindDn,
        Optional<Secret> password,
        String rootPath,
        boolean activeDirectory,
        boolean incremental,
        int pageSize,
        Optional<String> externalIdAttribute,
        String userSearchBase,
        String userObjectClass,
        String groupSearchBase,
        String groupObjectClass,
        Filter userFilter,
        Filter groupFilter,
        String userEmailAttribute,
        Optional<String> emailPrefixAttribute,
        String emailSuffix,
        String groupNameAttribute,
        String memberAttribute) {

    public static LdapSettings from(Settings settings) {
        boolean ad = settings.bool("ldap.active-directory", false);
        boolean incremental = settings.bool("ldap.incremental", false);
        if (incremental && !ad) {
            throw new ConfigurationException("Invalid setting ldap.incremental=true: incremental reads follow Active"
                    + " Directory's uSNChanged, so they need ldap.active-directory=true. Set ldap.incremental=false.");
        }
        LDAPURL url = url(settings);
        boolean startTls = settings.bool("ldap.start-tls", false);
        if (startTls && "ldaps".equalsIgnoreCase(url.getScheme())) {
            throw new ConfigurationException("Invalid setting ldap.start-tls=true with an ldaps:// ldap.url: "
                    + "use ldap:// with StartTLS, or ldaps:// without it.");
        }
        Optional<Path> clientCert = settings.readableFile("ldap.client-cert");
        Optional<Path> clientKey = settings.readableFile("ldap.client-key");
        if (clientCert.isPresent() != clientKey.isPresent()) {
            throw new ConfigurationException("Settings ldap.client-cert and ldap.client-key go together: set both or neither.");
        }
        Optional<String> bindDn = settings.optional("ldap.bind-dn");
        Optional<Secret> password = settings.secret("ldap.password");
        if (bindDn.isPresent() && password.isEmpty()) {
            throw new ConfigurationException(settings.missing("ldap.password",
                    "the password of ldap.bind-dn (use {{env:NAME}} to keep it out of the file)"));
        }
        String rootPath = settings.required("ldap.root-path", "the directory's base DN, e.g. dc=example,dc=com");
        boolean useEmailPrefix = settings.bool("sync.use-email-prefix-suffix", false);
        String emailSuffix = settings.string("sync.email-suffix", "");
        if (useEmailPrefix && emailSuffix.isEmpty()) {
            throw new ConfigurationException(settings.missing("sync.email-suffix",
                    "what sync.use-email-prefix-suffix=true appends to the prefix attribute, e.g. @example.com"));
        }
        return new LdapSettings(
                url,
                startTls,
                settings.readableFile("ldap.ca-file"),
                clientCert,
                clientKey,
                settings.bool("ldap.allow-untrusted", false),
                bindDn,
                password,
                rootPath,
                ad,
                incremental,
                settings.integer("ldap.page-size", 1000, 1, 100_000),
                settings.optional("ldap.external-id-attribute"),
                SearchBase.of(rootPath, path(settings, "sync.user-path", ad)),
                settings.string("sync.user-object-class", "person"),
                SearchBase.of(rootPath, path(settings, "sync.group-path", ad)),
                settings.string("sync.group-object-class", ad ? "group" : "groupOfNames"),
                objectFilter(settings, "sync.user-object-class", "person", "sync.user-filter"),
                objectFilter(settings, "sync.group-object-class", ad ? "group" : "groupOfNames", "sync.group-filter"),
                settings.string("sync.user-email-attribute", "mail"),
                useEmailPrefix
                        ? Optional.of(settings.string("sync.email-prefix-attribute", ad ? "sAMAccountName" : "uid"))
                        : Optional.empty(),
                emailSuffix,
                settings.string("sync.group-name-attribute", ad ? "name" : "cn"),
                settings.string("sync.member-attribute", "member"));
    }

    /** {@code (objectClass=<sync.user-object-class>)}, without the operator's filter. */
    public Filter userObjectClassFilter() {
        return Filter.createEqualityFilter("objectClass", userObjectClass);
    }

    /** The URL without any secret in it, for messages. */
    public String server() {
        return url.getScheme() + "://" + url.getHost() + ":" + url.getPort();
    }

    private static LDAPURL url(Settings settings) {
        String value = settings.required("ldap.url", "the directory's URL, e.g. ldaps://ldap.example.com");
        try {
            LDAPURL url = new LDAPURL(value);
            if (!url.hostProvided()) {
                throw new LDAPException(com.unboundid.ldap.sdk.ResultCode.PARAM_ERROR, "no host");
            }
            return url;
        } catch (LDAPException e) {
            throw new ConfigurationException("Invalid setting ldap.url=" + value
                    + ": expected ldap://host[:port] or ldaps://host[:port].");
        }
    }

    /** As bwdc: in Active Directory mode a path never set means CN=Users; one set empty means the whole domain. */
    private static String path(Settings settings, String key, boolean activeDirectory) {
        if (activeDirectory && !settings.isSet(key)) {
            return "CN=Users";
        }
        return settings.string(key, "");
    }

    /** bwdc's filter: the object class ANDed with the operator's filter, if any. */
    private static Filter objectFilter(Settings settings, String classKey, String defaultClass, String filterKey) {
        Filter objectClass = Filter.createEqualityFilter("objectClass", settings.string(classKey, defaultClass));
        Optional<String> extra = settings.optional(filterKey);
        if (extra.isEmpty()) {
            return objectClass;
        }
        try {
            return Filter.createANDFilter(objectClass, Filter.create(extra.get()));
        } catch (LDAPException e) {
            // UnboundID says "Unable to parse string '…' as an LDAP filter because …": the key and value say the first half
            String why = Messages.oneLine(e.getMessage()).replaceFirst("^.* as an LDAP filter because ", "");
            throw new ConfigurationException("Invalid setting " + filterKey + "=" + extra.get()
                    + ": not an LDAP filter (" + why + ").");
        }
    }

    /** The LDAP source's keys: the connection, and bwdc's {@code sync.*} keys of an LDAP directory. */
    public static final class Keys implements SettingsKeys {
        @Override
        public List<Key> keys() {
            return List.of(
                    Key.of("ldap.url").selecting().checkedBy(s -> s.optional("ldap.url").ifPresent(v -> url(s))),
                    Key.of("ldap.start-tls").bool(),
                    Key.of("ldap.ca-file"),
                    Key.of("ldap.client-cert"),
                    Key.of("ldap.client-key"),
                    Key.of("ldap.allow-untrusted").bool(),
                    Key.of("ldap.bind-dn").selecting(),
                    Key.of("ldap.password").asSecret(),
                    Key.of("ldap.root-path").selecting(),
                    Key.of("ldap.active-directory").selecting().bool(),
                    Key.of("ldap.incremental").bool(),
                    Key.of("ldap.page-size").checkedBy(s -> s.integer("ldap.page-size", 1000, 1, 100_000)),
                    Key.of("ldap.external-id-attribute").selecting(),
                    Key.of("sync.user-path").selecting(),
                    Key.of("sync.group-path").selecting(),
                    Key.of("sync.user-object-class").selecting(),
                    Key.of("sync.group-object-class").selecting(),
                    Key.of("sync.user-filter").selecting()
                            .checkedBy(s -> objectFilter(s, "sync.user-object-class", "person", "sync.user-filter"))
                            .readBy(DirectoryType.LDAP),
                    Key.of("sync.group-filter").selecting()
                            .checkedBy(s -> objectFilter(s, "sync.group-object-class", "group", "sync.group-filter"))
                            .readBy(DirectoryType.LDAP),
                    Key.of("sync.user-email-attribute").selecting(),
                    Key.of("sync.group-name-attribute").selecting(),
                    Key.of("sync.member-attribute").selecting(),
                    Key.of("sync.use-email-prefix-suffix").selecting().bool(),
                    Key.of("sync.email-prefix-attribute").selecting(),
                    Key.of("sync.email-suffix").selecting());
        }
    }
}
