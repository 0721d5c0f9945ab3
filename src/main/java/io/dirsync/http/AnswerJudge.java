package io.dirsync.http;

import io.dirsync.DirsyncException;
import io.dirsync.http.UnavailableException.Kind;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a remote API's answer means when it is not a success, as one line naming the API, what it said, and what to fix.
 * Throttling (429 and 503, or what the API adds) is worth a retry after its {@code Retry-After}; another 5xx a brief
 * retry; a 401, for an API whose token is renewed, one retry with a new token; anything else fails. The differences
 * between APIs are its parameters.
 *
 * @param prefix     the API's settings prefix, for the proxy's 407: {@code <prefix>.proxy}
 * @param said       the API's message in the body of a failed answer (see {@link ErrorBody})
 * @param throttling the answers that mean "later"
 * @param checks     by status, what to check, as a sentence to end the message with
 * @param otherwise  what to check for any other refusal; empty to say nothing more
 * @param refusedOn  for 400 and 401, what the API refused ({@code the organization API key}), to say it so; empty
 *                   to say what it answered
 * @param renewToken drops the token, for an API whose 401 means an expired token; {@code null} when a 401 is final
 * @param failure    the failure that ends the run, from its message
 */
public record AnswerJudge(String prefix, Function<String, String> said, Predicate<Answer> throttling,
                          Map<Integer, String> checks, String otherwise, Optional<String> refusedOn,
                          Runnable renewToken, BiFunction<String, Throwable, DirsyncException> failure) {

    /** 429 and 503: the API is busy, or asks for fewer calls. */
    public static final Predicate<Answer> BUSY = answer -> answer.status() == 429 || answer.status() == 503;

    /** The judge of an API whose settings are under {@code prefix}, its messages found by {@code said}. */
    public static AnswerJudge of(String prefix, Function<String, String> said,
                                 BiFunction<String, Throwable, DirsyncException> failure) {
        return new AnswerJudge(prefix, said, BUSY, Map.of(), "", Optional.empty(), null, failure);
    }

    public AnswerJudge throttling(Predicate<Answer> answers) {
        return new AnswerJudge(prefix, said, answers, checks, otherwise, refusedOn, renewToken, failure);
    }

    /** Ends the message of a {@code status} with {@code check}. */
    public AnswerJudge check(int status, String check) {
        Map<Integer, String> more = new HashMap<>(checks);
        more.put(status, check);
        return new AnswerJudge(prefix, said, throttling, Map.copyOf(more), otherwise, refusedOn, renewToken, failure);
    }

    /** Ends the message of any status without a check of its own with {@code check}. */
    public AnswerJudge otherwise(String check) {
        return new AnswerJudge(prefix, said, throttling, checks, check, refusedOn, renewToken, failure);
    }

    /** Says a 400 or 401 as a refusal of {@code what}, ended with {@code check}. */
    public AnswerJudge refusing(String what, String check) {
        return new AnswerJudge(prefix, said, throttling, checks, otherwise, Optional.of(what), renewToken, failure)
                .check(400, check).check(401, check);
    }

    /** Takes a 401 for an expired token: {@code drop} forgets it, and the request is worth one more try. */
    public AnswerJudge renewingToken(Runnable drop) {
        return new AnswerJudge(prefix, said, throttling, checks, otherwise, refusedOn, drop, failure);
    }

    /**
     * The failure a not-ok {@code answer} means.
     *
     * @param who     who answered, e.g. {@code Okta}
     * @param request what was asked, e.g. {@code GET https://…}; empty for a token endpoint
     */
    public DirsyncException failure(Answer answer, String who, String request) {
        int status = answer.status();
        String said = this.said.apply(answer.body());
        String answered = who + " answered " + status + (request.isEmpty() ? "" : " to " + request)
                + (said.isEmpty() ? "" : ": " + said);
        if (throttling.test(answer)) {
            return new UnavailableException(Kind.THROTTLED, answered + ".", answer.retryAfter(), null);
        }
        if (status >= 500) {
            // a brief retry, whatever wait the answer names: Okta's and OneLogin's name their rate limit's reset
            return new UnavailableException(Kind.SERVER_ERROR, answered + ".", Optional.empty(), null);
        }
        if (status == 407) {
            return failure.apply("The proxy on the way to " + who + " asks for credentials (407): write them in "
                    + prefix + ".proxy, as http://user:password@proxy:port (with {{env:NAME}} to keep them out of the"
                    + " file).", null);
        }
        String check = checks.getOrDefault(status, otherwise);
        String ending = check.isEmpty() ? "." : ". " + check;
        if (status == 401 && renewToken != null) {
            renewToken.run();
            return new UnavailableException(Kind.TOKEN_EXPIRED, answered + ending, Optional.empty(), null);
        }
        if ((status == 400 || status == 401) && refusedOn.isPresent()) {
            return failure.apply(who + " refused " + refusedOn.get() + ": " + (said.isEmpty() ? "HTTP " + status : said)
                    + ending, null);
        }
        return failure.apply(answered + ending, null);
    }
}
