package io.dirsync.bitwarden;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.DirsyncException;
import io.dirsync.http.Answer;
import io.dirsync.http.AnswerJudge;
import io.dirsync.http.Unreachable;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * Steps of the Bitwarden routes that judge the server's answers. Only Bitwarden's own answer counts as success: the
 * import's is an empty 200 (or JSON, where a server sends some), the member list's a JSON list. A 200 with anything
 * else — the web vault's {@code index.html} served by a misrouted proxy, say — fails the run rather than being
 * taken for an applied change. 401 drops the token (the retry renews it); 429 and 5xx are worth a retry, as long as
 * the server says; any other status is final, with the server's own message.
 */
public class BitwardenResponse {

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String MEMBER_LIST = "the member list";
    /** Bitwarden's answers: 429 and every 5xx are the server's to say when to come back. */
    static final AnswerJudge ANSWERS = AnswerJudge.of(BitwardenSettings.PREFIX, ServerMessage::of,
                    BitwardenException::new)
            .throttling(answer -> answer.status() == 429 || answer.status() >= 500);
    private static final String CHECK_API = "Check bitwarden.url / bitwarden.api-url point at a Bitwarden server's API";
    private static final Unreachable UNREACHABLE = new Unreachable("Bitwarden", BitwardenSettings.PREFIX,
            "bitwarden.url (and bitwarden.api-url / bitwarden.identity-url)", BitwardenException::new);

    private final AnswerJudge imports;
    private final AnswerJudge memberLists;

    public BitwardenResponse(BitwardenToken token) {
        AnswerJudge api = ANSWERS.renewingToken(token::invalidate)
                .check(401, "Check that the organization's API key is still valid (bitwarden.client-secret).");
        this.imports = api.check(404, CHECK_API + ".");
        this.memberLists = api.check(404, CHECK_API + "; a Vaultwarden server has no member list: set"
                + " bitwarden.server=vaultwarden.");
    }

    /** Step of the {@code post-import} route: the answer to one import request. */
    public void importAnswer(Exchange exchange) {
        String body = judge(exchange, imports, "the import");
        if (!body.isBlank()) {
            requireJson(exchange, body, "the import");
        }
    }

    /** Step of the {@code get-members} route: {@code GET /public/members}, as the organization's members. */
    public List<OrganizationMember> memberList(Exchange exchange) {
        String body = judge(exchange, memberLists, MEMBER_LIST);
        requireJson(exchange, body, MEMBER_LIST);
        try {
            OrganizationMember.ListResponse list = JSON.readValue(body, OrganizationMember.ListResponse.class);
            if (list == null || list.data() == null) {
                throw notBitwarden(exchange, MEMBER_LIST, "JSON without a \"data\" list");
            }
            return list.data();
        } catch (JsonProcessingException e) {
            throw notBitwarden(exchange, MEMBER_LIST, "JSON that is not a member list");
        }
    }

    /** Step of the Bitwarden routes, for a request that never got an answer. */
    public void unreachable(Exchange exchange) {
        throw UNREACHABLE.of(exchange);
    }

    static DirsyncException unreachable(String url, Throwable failure) {
        return UNREACHABLE.of(url, failure);
    }

    /** The body of a 200; throws what any other status means. */
    private String judge(Exchange exchange, AnswerJudge judge, String what) {
        Answer answer = Answer.of(exchange);
        if (!answer.ok()) {
            throw judge.failure(answer, "Bitwarden", what);
        }
        return answer.body();
    }

    private static void requireJson(Exchange exchange, String body, String what) {
        String type = contentType(exchange);
        if (!type.contains("json")) {
            throw notBitwarden(exchange, what, type.isEmpty() ? "a body without a content type" : type);
        }
        try {
            JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw notBitwarden(exchange, what, "a body that is not JSON");
        }
    }

    private static BitwardenException notBitwarden(Exchange exchange, String what, String got) {
        return new BitwardenException("Bitwarden's API did not answer " + what + ": the server answered 200 with "
                + got + (got.startsWith("text/html") ? " (a web page)" : "") + ", so nothing counts as applied."
                + " Check that bitwarden.url (or bitwarden.api-url) reaches the API, not the web vault or a proxy's"
                + " page.");
    }

    private static String contentType(Exchange exchange) {
        String type = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        return type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    }
}
