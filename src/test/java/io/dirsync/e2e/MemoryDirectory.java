package io.dirsync.e2e;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** UnboundID's in-memory LDAP server on a free loopback port, with a bind account for dirsync. */
final class MemoryDirectory implements AutoCloseable {

    static final String PASSWORD = "e2e-secret";

    private final String base;
    private final InMemoryDirectoryServer server;

    /**
     * @param base   the root entry, created as a {@code domain} (so it must start with {@code dc=})
     * @param schema false for AD-shaped entries (objectGUID, userAccountControl are not in the standard schema)
     */
    MemoryDirectory(String base, boolean schema) throws LDAPException {
        this(base, schema, 0);
    }

    /**
     * An Active Directory look-alike: no schema (objectGUID, userAccountControl), and multi-valued attributes asked
     * for with a range option ({@code member;range=0-1499}) served {@code rangeStep} values at a time, as Windows
     * serves them {@code MaxValRange} at a time; the in-memory server knows no ranges by itself.
     */
    static MemoryDirectory activeDirectory(String base, int rangeStep) throws LDAPException {
        return new MemoryDirectory(base, false, rangeStep);
    }

    private MemoryDirectory(String base, boolean schema, int rangeStep) throws LDAPException {
        this.base = base;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(base);
        if (rangeStep > 0) {
            config.addInMemoryOperationInterceptor(new Ranges(rangeStep));
        }
        config.addAdditionalBindCredentials(bindDn(), PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        if (!schema) {
            config.setSchema(null);
        }
        server = new InMemoryDirectoryServer(config);
        String dc = base.replaceFirst("(?i)^dc=([^,]+).*$", "$1");
        server.add(Company.entry("dn: " + base + "\nobjectClass: top\nobjectClass: domain\ndc: " + dc));
        server.startListening();
    }

    String bindDn() {
        return "cn=dirsync," + base;
    }

    String base() {
        return base;
    }

    InMemoryDirectoryServer server() {
        return server;
    }

    /** Adds LDIF records, each one string with lines separated by {@code \n}. */
    void add(List<String> entries) throws LDAPException {
        for (String entry : entries) {
            server.add(Company.entry(entry));
        }
    }

    /** The connection settings: URL, bind DN and password, root path. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("ldap.url", "ldap://127.0.0.1:" + server.getListenPort());
        settings.put("ldap.bind-dn", bindDn());
        settings.put("ldap.password", PASSWORD);
        settings.put("ldap.root-path", base);
        return settings;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** Serves {@code attr;range=start-end} requests: asks the server for {@code attr}, then cuts each entry's values. */
    private static final class Ranges extends InMemoryOperationInterceptor {
        private static final Pattern RANGED = Pattern.compile("(?i)([^;]+);range=(\\d+)-(\\d+|\\*)");

        private final int step;
        /** connection:message → attribute name → first value asked for */
        private final Map<String, Map<String, Integer>> asked = new ConcurrentHashMap<>();

        Ranges(int step) {
            this.step = step;
        }

        private static String key(long connection, int message) {
            return connection + ":" + message;
        }

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
            Map<String, Integer> starts = new LinkedHashMap<>();
            List<String> attributes = new ArrayList<>();
            for (String attribute : request.getRequest().getAttributeList()) {
                Matcher ranged = RANGED.matcher(attribute);
                if (ranged.matches()) {
                    starts.put(ranged.group(1), Integer.parseInt(ranged.group(2)));
                    attributes.add(ranged.group(1));
                } else {
                    attributes.add(attribute);
                }
            }
            if (!starts.isEmpty()) {
                asked.put(key(request.getConnectionID(), request.getMessageID()), starts);
                SearchRequest plain = request.getRequest().duplicate();
                plain.setAttributes(attributes);
                request.setRequest(plain);
            }
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry intercepted) {
            Map<String, Integer> starts = asked.get(key(intercepted.getConnectionID(), intercepted.getMessageID()));
            if (starts == null) {
                return;
            }
            Entry entry = intercepted.getSearchEntry().duplicate();
            starts.forEach((name, start) -> {
                Attribute attribute = entry.getAttribute(name);
                if (attribute == null) {
                    return;
                }
                String[] values = attribute.getValues();
                int from = Math.min(start, values.length);
                int to = Math.min(values.length, from + step);
                entry.removeAttribute(name);
                entry.addAttribute(new Attribute(name + ";range=" + from + "-" + (to == values.length ? "*" : String.valueOf(to - 1)),
                        Arrays.copyOfRange(values, from, to)));
            });
            intercepted.setSearchEntry(entry);
        }

        @Override
        public void processSearchResult(InMemoryInterceptedSearchResult result) {
            asked.remove(key(result.getConnectionID(), result.getMessageID()));
        }
    }
}
