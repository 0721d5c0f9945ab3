package io.dirsync.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import io.dirsync.Messages;
import io.dirsync.SourceException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subtree search read page by page (RFC 2696) on one connection, each entry handed to the consumer as it
 * arrives, so only one page is ever in flight. Continuation references (Samba returns them at the domain
 * root) are ignored, not chased. Any error fails the whole search: a partial read never leaves here.
 */
final class PagedSearch {

    private static final Logger LOG = LoggerFactory.getLogger(PagedSearch.class);
    private static final int PROGRESS_EVERY = 10_000;

    private PagedSearch() {
    }

    /** Returns the number of entries read. */
    static long run(LDAPConnection connection, String what, String base, Filter filter, String[] attributes,
                    int pageSize, Consumer<SearchResultEntry> consumer, Control... controls) {
        return run(connection, what, base, filter, attributes, pageSize, consumer, () -> true, controls);
    }

    /**
     * As {@link #run}, asking {@code mayReadAnotherPage} before each page but the first: false ends the search there,
     * with what was read so far (the caller knows what it stopped for).
     */
    static long run(LDAPConnection connection, String what, String base, Filter filter, String[] attributes,
                    int pageSize, Consumer<SearchResultEntry> consumer, BooleanSupplier mayReadAnotherPage,
                    Control... controls) {
        EntryCounter counter = new EntryCounter(what, consumer);
        SearchRequest request = new SearchRequest(counter, base, SearchScope.SUB, filter, attributes);
        LOG.debug("{} search: base '{}', filter {}, attributes {}", what, base, filter, String.join(",", attributes));
        ASN1OctetString cookie = null;
        do {
            request.setControls(controls);
            request.addControl(new SimplePagedResultsControl(pageSize, cookie, false));
            SearchResult result;
            try {
                result = connection.search(request);
            } catch (LDAPSearchException e) {
                throw failure(what, base, filter, e.getResultCode(), e.getDiagnosticMessage(), e);
            }
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw failure(what, base, filter, result.getResultCode(), result.getDiagnosticMessage(), null);
            }
            cookie = nextCookie(result, what);
        } while (cookie != null && mayReadAnotherPage.getAsBoolean());
        return counter.count;
    }

    private static ASN1OctetString nextCookie(SearchResult result, String what) {
        try {
            SimplePagedResultsControl paging = SimplePagedResultsControl.get(result);
            if (paging == null || !paging.moreResultsToReturn()) {
                return null;
            }
            return paging.getCookie();
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new SourceException("The LDAP server sent a malformed paging control while reading " + what
                    + ": " + Messages.oneLine(e.getMessage()) + ".", e);
        }
    }

    private static SourceException failure(String what, String base, Filter filter, ResultCode code,
                                           String diagnostic, Exception cause) {
        String hint;
        if (code == ResultCode.NO_SUCH_OBJECT) {
            hint = "The search base does not exist: check ldap.root-path and sync." + (what.equals("users") ? "user" : "group") + "-path.";
        } else if (code == ResultCode.FILTER_ERROR || code == ResultCode.PROTOCOL_ERROR) {
            hint = "Check sync." + (what.equals("users") ? "user" : "group") + "-filter and the object class setting.";
        } else if (code == ResultCode.SIZE_LIMIT_EXCEEDED || code == ResultCode.ADMIN_LIMIT_EXCEEDED) {
            hint = "The server's size limit for the bind account (ldap.bind-dn) ended the read, and a smaller"
                    + " ldap.page-size does not lift it: raise that account's limit on the server (OpenLDAP: limits"
                    + " dn.exact=\"<bind DN>\" size=unlimited; Active Directory: MaxResultSetSize in the LDAP policy).";
        } else if (code == ResultCode.TIME_LIMIT_EXCEEDED || code == ResultCode.TIMEOUT) {
            hint = "The search took too long: narrow the filter or the search base.";
        } else if (code == ResultCode.SERVER_DOWN || code == ResultCode.CONNECT_ERROR) {
            hint = "The connection was lost; the read was abandoned and nothing will be synced.";
        } else {
            hint = "Nothing was read; fix the cause and run again.";
        }
        return new SourceException("LDAP search for " + what + " under '" + base + "' with " + filter + " failed: "
                + LdapConnector.describe(code, diagnostic) + ". " + hint, cause);
    }

    private static final class EntryCounter implements SearchResultListener {
        private static final long serialVersionUID = 1L;
        private final String what;
        private final transient Consumer<SearchResultEntry> consumer;
        private long count;

        EntryCounter(String what, Consumer<SearchResultEntry> consumer) {
            this.what = what;
            this.consumer = consumer;
        }

        @Override
        public void searchEntryReturned(SearchResultEntry entry) {
            consumer.accept(entry);
            if (++count % PROGRESS_EVERY == 0) {
                LOG.info("Read {} {} so far", count, what);
            }
        }

        @Override
        public void searchReferenceReturned(SearchResultReference reference) {
            LOG.debug("Ignored continuation reference {}", (Object) reference.getReferralURLs());
        }
    }
}
