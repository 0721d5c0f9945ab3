package io.dirsync.migrate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.ConfigurationException;
import io.dirsync.config.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads bwdc's {@code data.json} (state version 8, bwdc-core.md §4.2) and says the same in dirsync's keys: the active
 * directory type's settings, the sync settings, the server URLs and the organization's API key id. Secrets become
 * {@code {{env:NAME}}} references; what dirsync does not carry over is named in a note, never dropped in silence.
 */
public final class BwdcImport {

    static final int STATE_VERSION = 8;
    /** What data.json holds in a secret's place when bwdc kept the secret in the system's keychain. */
    private static final String STORED_SECURELY = "[STORED SECURELY]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<SecretVariable> secrets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private BwdcImport() {
    }

    /** Reads and converts {@code file}; anything that is not a bwdc data.json of state version 8 is a one-line error. */
    public static BwdcConversion read(Path file) {
        JsonNode root = parse(file);
        if (!root.isObject()) {
            throw notBwdc(file, "it is not a JSON object");
        }
        JsonNode version = root.get("stateVersion");
        if (version == null || !version.canConvertToInt()) {
            throw notBwdc(file, "it has no stateVersion");
        }
        if (version.asInt() != STATE_VERSION) {
            throw new ConfigurationException(file + " is bwdc state version " + version.asInt() + "; import-bwdc reads"
                    + " version " + STATE_VERSION + (version.asInt() < STATE_VERSION
                    ? ". Let a current bwdc (2026.6 or later) open it once, which upgrades it, then import it again."
                    : ", and this file is newer than that."));
        }
        JsonNode type = root.get("directoryType");
        if (type == null || type.isNull()) {
            throw new ConfigurationException(file + " configures no directory: its directoryType is not set.");
        }
        BwdcDirectory directory = Optional.of(type).filter(JsonNode::canConvertToExactIntegral).map(JsonNode::asInt)
                .flatMap(BwdcDirectory::ofCode)
                .orElseThrow(() -> new ConfigurationException(file + " has an unknown directoryType " + type
                        + ": bwdc knows " + BwdcDirectory.codes() + "."));
        JsonNode settings = root.get(directory.block());
        if (settings == null || !settings.isObject()) {
            throw new ConfigurationException(file + " has directoryType " + directory.code() + " (" + directory.label()
                    + ") but no " + directory.block() + " settings.");
        }
        return new BwdcImport().convert(root, directory);
    }

    private static JsonNode parse(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("Cannot read " + file + ": no such file.");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getClass().getSimpleName() + ".");
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw notBwdc(file, "it is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw notBwdc(file, "it is not JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getClass().getSimpleName() + ".");
        }
    }

    private static ConfigurationException notBwdc(Path file, String why) {
        return new ConfigurationException(file + " is not a bwdc data.json: " + why + ".");
    }

    private BwdcConversion convert(JsonNode root, BwdcDirectory directory) {
        properties.put("directory.type", directory.type().name().toLowerCase(Locale.ROOT));
        Block settings = new Block(directory.block(), root.get(directory.block()));
        Block sync = new Block("sync", root.path("sync"));
        switch (directory) {
            case LDAP -> ldap(settings, sync);
            case ENTRA -> entra(settings);
            case GOOGLE -> google(settings);
            case OKTA -> okta(settings);
            case ONELOGIN -> oneLogin(settings, sync);
        }
        syncSettings(sync);
        if (directory != BwdcDirectory.LDAP) {
            List<String> ldapOnly = sync.unread();
            if (!ldapOnly.isEmpty()) {
                notes.add("Ignored, as bwdc does for " + directory.label() + ": " + String.join(", ", ldapOnly) + ".");
            }
            if (!directory.type().bundled()) {
                notes.add("This build of dirsync does not read " + directory.label() + " yet: directory.type="
                        + properties.get("directory.type") + " keeps bwdc's settings for a build that reads it.");
            }
        } else {
            unsupported(sync);
        }
        unsupported(settings);
        bitwarden(root);
        List<String> others = new ArrayList<>();
        for (BwdcDirectory other : BwdcDirectory.values()) {
            if (other != directory && root.has(other.block())) {
                others.add(other.block());
            }
        }
        if (!others.isEmpty()) {
            notes.add("Ignored, as bwdc ignores them while its directory type is " + directory.label() + ": "
                    + String.join(", ", others) + ".");
        }
        String version = Optional.ofNullable(root.get("installedVersion")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).orElse("unknown");
        return new BwdcConversion(directory, version, properties, secrets, notes);
    }

    // ------------------------------------------------------------------ LDAP and Active Directory

    private void ldap(Block ldap, Block sync) {
        boolean ssl = ldap.bool("ssl", false);
        boolean startTls = ldap.bool("startTls", false);
        // bwdc: ssl alone is LDAPS, ssl with startTls is StartTLS on ldap://, startTls alone is nothing
        boolean ldaps = ssl && !startTls;
        boolean upgrade = ssl && startTls;
        int port = ldap.integer("port").orElse(389);
        ldap.text("hostname").ifPresentOrElse(
                host -> properties.put("ldap.url", (ldaps ? "ldaps" : "ldap") + "://" + host.trim().toLowerCase(Locale.ROOT)
                        + ":" + port),
                () -> notes.add("directoryLdap.hostname is empty, so there is no ldap.url: set it with 'dirsync config"
                        + " ldap.url ldaps://host'."));
        properties.put("ldap.start-tls", String.valueOf(upgrade));
        if (startTls && !ssl) {
            notes.add("directoryLdap.startTls is on without ssl, which bwdc ignores: the connection stays unencrypted,"
                    + " as it was.");
        }
        // bwdc reads each of these files only in the mode that uses it, and skips a file that does not exist
        tlsFile(ldap, "tlsCaPath", upgrade, "ldap.ca-file", "for StartTLS (ssl and startTls)");
        tlsFile(ldap, "sslCaPath", ldaps, "ldap.ca-file", "for LDAPS (ssl without startTls)");
        tlsFile(ldap, "sslCertPath", ldaps, "ldap.client-cert", "for LDAPS (ssl without startTls)");
        tlsFile(ldap, "sslKeyPath", ldaps, "ldap.client-key", "for LDAPS (ssl without startTls)");
        boolean untrusted = ldap.bool("sslAllowUnauthorized", false);
        properties.put("ldap.allow-untrusted", String.valueOf(ssl && untrusted));
        if (untrusted && !ssl) {
            notes.add("directoryLdap.sslAllowUnauthorized is ignored without ssl, as bwdc does.");
        }
        ldap.text("username").ifPresent(dn -> properties.put("ldap.bind-dn", dn));
        secret(ldap.text("password"), "ldap.password");
        ldap.text("rootPath").ifPresentOrElse(root -> properties.put("ldap.root-path", root),
                () -> notes.add("directoryLdap.rootPath is empty, so there is no ldap.root-path: set it to the"
                        + " directory's base DN."));
        boolean ad = ldap.bool("ad", false);
        properties.put("ldap.active-directory", String.valueOf(ad));
        if (!ldap.bool("pagedSearch", true)) {
            notes.add("directoryLdap.pagedSearch=false is not carried over: dirsync always reads in pages"
                    + " (ldap.page-size, 1000 by default).");
        }
        if (ldap.bool("currentUser", false)) {
            notes.add("directoryLdap.currentUser=true is not supported (bwdc ignores it too): dirsync binds as"
                    + " ldap.bind-dn with ldap.password.");
        }
        ldap.text("domain").ifPresent(domain -> notes.add("directoryLdap.domain=" + domain
                + " is not carried over: bwdc does not use it to sync either."));
        ldap.ignore("id");

        // bwdc searches the whole domain when a path is not set; dirsync does so for an empty one (in AD mode too)
        properties.put("sync.user-path", sync.text("userPath").orElse(""));
        properties.put("sync.group-path", sync.text("groupPath").orElse(""));
        List<String> defaulted = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        names.put("userObjectClass", "sync.user-object-class");
        names.put("groupObjectClass", "sync.group-object-class");
        names.put("userEmailAttribute", "sync.user-email-attribute");
        names.put("groupNameAttribute", "sync.group-name-attribute");
        names.put("memberAttribute", "sync.member-attribute");
        names.forEach((field, key) -> sync.text(field).ifPresentOrElse(value -> properties.put(key, value),
                () -> defaulted.add(key)));
        if (!defaulted.isEmpty()) {
            notes.add("Not set in data.json, so dirsync's defaults apply (config/application.properties): "
                    + String.join(", ", defaulted) + ".");
        }
        Optional<String> prefix = sync.text("emailPrefixAttribute");
        Optional<String> suffix = sync.text("emailSuffix");
        prefix.ifPresent(attribute -> properties.put("sync.email-prefix-attribute", attribute));
        emailPrefixSuffix(sync, suffix, prefix.isPresent() && suffix.isPresent(), "emailPrefixAttribute or emailSuffix");
        sync.text("creationDateAttribute").ifPresent(attribute -> notes.add("sync.creationDateAttribute=" + attribute
                + " is not carried over: bwdc does not use it either."));
        sync.text("revisionDateAttribute").ifPresent(attribute -> notes.add("sync.revisionDateAttribute=" + attribute
                + " is not supported: dirsync reads the whole directory at every sync (with Active Directory,"
                + " ldap.incremental=true reads only what changed, by uSNChanged)."));
    }

    private void tlsFile(Block ldap, String field, boolean used, String key, String mode) {
        ldap.text(field).ifPresent(path -> {
            if (!used) {
                notes.add("directoryLdap." + field + "=" + path + " is not carried over: bwdc reads it only " + mode + ".");
                return;
            }
            properties.put(key, path);
            if (!Files.isReadable(Path.of(path))) {
                notes.add(key + "=" + path + " is no readable file here: bwdc skips a missing file, dirsync refuses to"
                        + " start without it. Copy the file there, or change " + key + ".");
            }
        });
    }

    /** bwdc builds an email from a prefix and {@code emailSuffix} only when it has both; dirsync insists on them. */
    private void emailPrefixSuffix(Block sync, Optional<String> suffix, boolean complete, String parts) {
        suffix.ifPresent(value -> properties.put("sync.email-suffix", value));
        boolean use = sync.bool("useEmailPrefixSuffix", false);
        properties.put("sync.use-email-prefix-suffix", String.valueOf(use && complete));
        if (use && !complete) {
            notes.add("sync.useEmailPrefixSuffix is on but " + parts + " is empty, so bwdc builds no email from them:"
                    + " written as sync.use-email-prefix-suffix=false.");
        }
    }

    // ------------------------------------------------------------------ cloud directories

    private void entra(Block entra) {
        entra.text("tenant").ifPresent(value -> properties.put("entra.tenant", value));
        entra.text("applicationId").ifPresent(value -> properties.put("entra.application-id", value));
        secret(entra.text("key"), "entra.key");
        entra.text("identityAuthority").ifPresent(value -> properties.put("entra.identity-authority", value));
        entra.ignore("id");
    }

    private void google(Block google) {
        google.text("domain").ifPresent(value -> properties.put("google.domain", value));
        google.text("customer").ifPresent(value -> properties.put("google.customer", value));
        google.text("adminUser").ifPresent(value -> properties.put("google.admin-user", value));
        google.text("clientEmail").ifPresent(value -> properties.put("google.client-email", value));
        secret(google.text("privateKey"), "google.private-key");
        google.ignore("id");
    }

    private void okta(Block okta) {
        okta.text("orgUrl").ifPresent(value -> properties.put("okta.org-url", value));
        secret(okta.text("token"), "okta.token");
        okta.ignore("id");
    }

    private void oneLogin(Block oneLogin, Block sync) {
        oneLogin.text("clientId").ifPresent(value -> properties.put("onelogin.client-id", value));
        secret(oneLogin.text("clientSecret"), "onelogin.client-secret");
        properties.put("onelogin.region", oneLogin.text("region").orElse("us"));
        oneLogin.ignore("id");
        // OneLogin builds an email from the username and emailSuffix
        Optional<String> suffix = sync.text("emailSuffix");
        emailPrefixSuffix(sync, suffix, suffix.isPresent(), "emailSuffix");
    }

    // ------------------------------------------------------------------ sync settings and Bitwarden

    private void syncSettings(Block sync) {
        properties.put("sync.users", String.valueOf(sync.bool("users", false)));
        properties.put("sync.groups", String.valueOf(sync.bool("groups", false)));
        sync.text("userFilter").ifPresent(filter -> properties.put("sync.user-filter", filter));
        sync.text("groupFilter").ifPresent(filter -> properties.put("sync.group-filter", filter));
        properties.put("sync.remove-disabled", String.valueOf(sync.bool("removeDisabled", false)));
        boolean overwrite = sync.bool("overwriteExisting", false);
        properties.put("sync.overwrite-existing", String.valueOf(overwrite));
        if (overwrite) {
            notes.add("sync.overwrite-existing=true is kept, although dirsync removes leavers without it: see"
                    + " 'Migrating from bwdc' in the README.");
        }
        properties.put("sync.large-import", String.valueOf(sync.bool("largeImport", false)));
        properties.put("sync.invite-users-after-provisioning",
                String.valueOf(sync.bool("inviteUsersAfterProvisioning", false)));
        // bwdc saves an interval under 5 as 5 and one of 0 or less as none (no schedule)
        Optional<Integer> interval = sync.integer("interval").filter(minutes -> minutes > 0);
        interval.ifPresentOrElse(minutes -> properties.put("sync.interval", String.valueOf(Math.max(5, minutes))),
                () -> notes.add("sync.interval is not set, so bwdc had no schedule: 'dirsync run' syncs every 5"
                        + " minutes unless sync.interval or sync.cron says otherwise."));
    }

    private void bitwarden(JsonNode root) {
        Block urls = new Block("environmentUrls", root.path("environmentUrls"));
        urls.text("base").ifPresent(url -> properties.put("bitwarden.url", url));
        urls.text("api").ifPresent(url -> properties.put("bitwarden.api-url", url));
        urls.text("identity").ifPresent(url -> properties.put("bitwarden.identity-url", url));
        List<String> unused = urls.unread();
        if (!unused.isEmpty()) {
            notes.add("Not needed by dirsync: " + String.join(", ", unused) + ".");
        }
        Block top = new Block("", root);
        Optional<String> clientId = top.text("apiKeyClientId");
        Optional<String> organization = top.text("organizationId");
        if (clientId.isPresent()) {
            properties.put("bitwarden.client-id", clientId.get());
        } else if (organization.isPresent()) {
            properties.put("bitwarden.client-id", "organization." + organization.get());
            notes.add("bitwarden.client-id is made from organizationId: bwdc kept the API key in the system's keychain.");
        } else {
            notes.add("data.json names no organization, so there is no bitwarden.client-id: set it to the"
                    + " organization's API key client_id, organization.<uuid>.");
        }
        secret(top.text("apiKeyClientSecret"), "bitwarden.client-secret");
    }

    private void secret(Optional<String> value, String key) {
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        properties.put(key, "{{env:" + variable + "}}");
        secrets.add(new SecretVariable(key, variable, value.filter(v -> !v.equals(STORED_SECURELY)).map(Secret::of)));
    }

    /** Names the fields of a block that nothing read: settings of a newer bwdc, or ones dirsync does not know. */
    private void unsupported(Block block) {
        List<String> left = block.unread();
        if (!left.isEmpty()) {
            notes.add("Not supported by dirsync, so not carried over: " + String.join(", ", left) + ".");
        }
    }

    /** One object of data.json, remembering which of its fields were read. */
    private static final class Block {
        private final String name;
        private final JsonNode node;
        private final Set<String> read = new HashSet<>();

        Block(String name, JsonNode node) {
            this.name = name;
            this.node = node;
        }

        /** The field as text; blank and null count as not set. */
        Optional<String> text(String field) {
            read.add(field);
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || value.isContainerNode()) {
                return Optional.empty();
            }
            return Optional.of(value.asText()).filter(text -> !text.isBlank());
        }

        boolean bool(String field, boolean absent) {
            read.add(field);
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? absent : value.asBoolean(absent);
        }

        Optional<Integer> integer(String field) {
            read.add(field);
            JsonNode value = node.get(field);
            return value != null && value.canConvertToInt() ? Optional.of(value.asInt()) : Optional.empty();
        }

        void ignore(String field) {
            read.add(field);
        }

        /** The fields that nothing read and that say something (not null, blank or false), by their data.json names. */
        List<String> unread() {
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(field -> {
                JsonNode value = node.get(field);
                boolean empty = value.isNull() || (value.isBoolean() && !value.asBoolean())
                        || (value.isTextual() && value.asText().isBlank());
                if (!read.contains(field) && !empty) {
                    fields.add(name.isEmpty() ? field : name + "." + field);
                }
            });
            return fields;
        }
    }
}
