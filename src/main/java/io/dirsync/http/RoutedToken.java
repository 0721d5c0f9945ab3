package io.dirsync.http;

import io.dirsync.config.ConfiguredStep;
import java.time.Clock;
import java.util.function.Function;

/**
 * An API's access token for the {@code Authorization} of its requests: fetched through the API's token route when
 * there is none or it is about to expire ({@link TokenCache}), dropped when the API refuses it ({@link #invalidate}).
 * A subclass is the token route's steps: the request, and the token in the answer.
 *
 * @param <S> the settings the token route's steps need
 */
public abstract class RoutedToken<S> extends ConfiguredStep<S> {

    protected final Clock clock;
    private final TokenCache cache;
    private final TokenRoute route;

    /**
     * For a route.
     *
     * @param route   the token route, e.g. {@code direct:entra-token}
     * @param failure what a checked exception of the route becomes
     */
    protected RoutedToken(String route, Function<Exception, RuntimeException> failure, Clock clock) {
        this.clock = clock;
        this.cache = new TokenCache(clock);
        this.route = new TokenRoute(route, failure);
    }

    /** For a test: these settings, whatever the properties say. */
    protected RoutedToken(S settings, String route, Function<Exception, RuntimeException> failure, Clock clock) {
        super(settings);
        this.clock = clock;
        this.cache = new TokenCache(clock);
        this.route = new TokenRoute(route, failure);
    }

    /** The {@code Authorization} header value: {@code Bearer <token>}. */
    public String authorization() {
        return "Bearer " + token();
    }

    /** Forgets the token, so the next request fetches a new one. */
    public void invalidate() {
        cache.invalidate();
    }

    /**
     * Step of a token route, once the answer is in: the token, or the judge's failure naming {@code where}; a 200
     * without a token fails as {@code failure} makes it, saying {@code check}.
     */
    protected final AccessToken accessToken(Answer answer, AnswerJudge judge, String where, String check,
            Function<String, ? extends RuntimeException> failure) {
        if (!answer.ok()) {
            throw judge.failure(answer, where, "");
        }
        return AccessToken.fromResponse(answer.body(), clock)
                .orElseThrow(() -> failure.apply(where + " answered 200 without an access token. " + check));
    }

    /** The token, fetched first when there is none or it is about to expire. */
    protected final String token() {
        return cache.token(() -> route.fetch(getCamelContext()));
    }
}
