package io.dirsync.demo;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in sample directory: an in-memory LDAP server on a free loopback port, loaded with a small
 * company (a few dozen people, nested groups, a couple of entries that need normalizing).
 */
public final class DemoDirectory implements AutoCloseable {

    public static final String BASE_DN = "dc=demo,dc=example";
    public static final String BIND_DN = "cn=dirsync,ou=service," + BASE_DN;
    private static final String BIND_PASSWORD = "demo-only";

    private final InMemoryDirectoryServer server;

    private DemoDirectory(InMemoryDirectoryServer server) {
        this.server = server;
    }

    public static DemoDirectory start() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
            config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("demo", java.net.InetAddress.getLoopbackAddress(), 0, null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            try (InputStream ldif = DemoDirectory.class.getResourceAsStream("/demo/directory.ldif")) {
                server.importFromLDIF(true, new LDIFReader(ldif));
            }
            server.startListening();
            return new DemoDirectory(server);
        } catch (LDAPException | IOException e) {
            throw new IllegalStateException("The demo directory did not start: " + e.getMessage(), e);
        }
    }

    /** The settings that point dirsync at this directory. */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("directory.type", "ldap");
        settings.put("ldap.url", "ldap://127.0.0.1:" + server.getListenPort());
        settings.put("ldap.bind-dn", BIND_DN);
        settings.put("ldap.password", BIND_PASSWORD);
        settings.put("ldap.root-path", BASE_DN);
        settings.put("sync.user-path", "ou=people");
        settings.put("sync.group-path", "ou=groups");
        settings.put("sync.user-object-class", "inetOrgPerson");
        settings.put("sync.group-object-class", "groupOfNames");
        return settings;
    }

    /**
     * A day in the directory: Katie Bouman joins the backend team, John Backus leaves, Steve Wozniak moves
     * from sales to the frontend team. Returns what changed, in words.
     */
    public String applySampleChanges() {
        try {
            server.add("dn: uid=kbouman,ou=people," + BASE_DN, "objectClass: inetOrgPerson", "uid: kbouman",
                    "cn: Katie Bouman", "sn: Bouman", "givenName: Katie", "mail: katie.bouman@demo.example");
            server.modify("cn=Backend,ou=groups," + BASE_DN, new Modification(ModificationType.ADD, "member",
                    "uid=kbouman,ou=people," + BASE_DN));
            server.modify("cn=Frontend,ou=groups," + BASE_DN, new Modification(ModificationType.DELETE, "member",
                    "uid=jbackus,ou=people," + BASE_DN));
            server.delete("uid=jbackus,ou=people," + BASE_DN);
            server.modify("cn=Sales,ou=groups," + BASE_DN, new Modification(ModificationType.DELETE, "member",
                    "uid=swozniak,ou=people," + BASE_DN));
            server.modify("cn=Frontend,ou=groups," + BASE_DN, new Modification(ModificationType.ADD, "member",
                    "uid=swozniak,ou=people," + BASE_DN));
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("The demo directory refused a change: " + e.getMessage(), e);
        }
        return "Katie Bouman joins Backend, John Backus leaves, Steve Wozniak moves from Sales to Frontend";
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
