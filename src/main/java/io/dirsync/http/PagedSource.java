package io.dirsync.http;

import io.dirsync.config.ConfiguredStep;
import io.dirsync.config.Settings;
import io.dirsync.model.DirectoryRead;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The read step of a cloud directory's route: settings from the context, and the API's lists through its page route
 * ({@link RoutedPages}); built with fixed settings and lists, a plain object for unit tests.
 */
public abstract class PagedSource extends ConfiguredStep<Settings> {

    private final String pageRoute;
    private final String urlKey;
    private PagedApi api;

    /**
     * For Camel.
     *
     * @param pageRoute the route that gets one page, e.g. {@code direct:okta-page}
     * @param urlKey    the setting that names the API's URL, for a refused next link's message
     */
    protected PagedSource(String pageRoute, String urlKey) {
        this.pageRoute = pageRoute;
        this.urlKey = urlKey;
    }

    /** For a test: these settings, and these lists. */
    protected PagedSource(Settings settings, PagedApi api) {
        super(settings);
        this.pageRoute = null;
        this.urlKey = null;
        this.api = api;
    }

    @Override
    protected final Settings settingsFrom(Settings settings) {
        return settings;
    }

    /** The API, page by page. */
    protected final synchronized PagedApi api() {
        if (api == null) {
            api = new RoutedPages(getCamelContext(), pageRoute, urlKey);
        }
        return api;
    }

    /** The read {@code read} makes, logged with what it found, from where and how long it took. */
    protected final DirectoryRead logged(String from, Supplier<DirectoryRead> read) {
        long started = System.nanoTime();
        DirectoryRead done = read.get();
        LoggerFactory.getLogger(getClass()).info("Read {} users and {} groups from {} in {} ms", done.users().size(), done.groups().size(), from,
                (System.nanoTime() - started) / 1_000_000);
        return done;
    }
}
