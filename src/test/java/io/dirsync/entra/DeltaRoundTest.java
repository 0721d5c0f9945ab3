package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dirsync.SourceException;
import io.dirsync.http.Answer;
import java.net.URI;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** How Graph's answers to a delta round are judged: where the next round starts, and a link Graph no longer follows. */
class DeltaRoundTest {

    private static final URI ROUND = URI.create("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=abc");
    private final GraphResponse response = new GraphResponse(new EntraToken());

    private static Exchange answer(int status, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    private static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"Said by Graph.\",\"innerError\":{\"date\":\"x\"}}}";
    }

    @Test
    void theLastPageOfARoundNamesWhereTheNextOneStarts() {
        Exchange middle = answer(200, "{\"value\":[{\"id\":\"1\"}],"
                + "\"@odata.nextLink\":\"https://graph.microsoft.com/v1.0/users/delta?$skiptoken=x\"}");
        Exchange last = answer(200, "{\"value\":[],"
                + "\"@odata.deltaLink\":\"https://graph.microsoft.com/v1.0/users/delta?$deltatoken=y\"}");

        assertThat(response.page(ROUND, middle).next()).isPresent();
        assertThat(response.page(ROUND, last).next()).isEmpty();

        assertThat(middle.getMessage().getHeader(DeltaRound.LINK)).isNull();
        assertThat(last.getMessage().getHeader(DeltaRound.LINK))
                .isEqualTo("https://graph.microsoft.com/v1.0/users/delta?$deltatoken=y");
    }

    @Test
    void goneOrAnExpiredOrResetStateIsARefusedLinkWithGraphsWords() {
        assertThatThrownBy(() -> response.page(ROUND, answer(410, error("resyncRequired"))))
                .isInstanceOf(DeltaRound.LinkRefused.class)
                .hasMessage("Microsoft Graph answered 410 to GET " + ROUND + ": resyncRequired: Said by Graph.");
        assertThatThrownBy(() -> response.page(ROUND, answer(410, ""))).isInstanceOf(DeltaRound.LinkRefused.class);
        assertThatThrownBy(() -> response.page(ROUND, answer(400, error("syncStateNotFound"))))
                .isInstanceOf(DeltaRound.LinkRefused.class);
        assertThatThrownBy(() -> response.page(ROUND, answer(400, error("SyncStateInvalid"))))
                .isInstanceOf(DeltaRound.LinkRefused.class);
    }

    @Test
    void otherErrorsFailTheReadAsForAnyList() {
        assertThatThrownBy(() -> response.page(ROUND, answer(400, error("BadRequest"))))
                .isInstanceOf(SourceException.class).isNotInstanceOf(DeltaRound.LinkRefused.class);
        assertThatThrownBy(() -> response.page(ROUND, answer(404, error("syncStateNotFound-ish"))))
                .isNotInstanceOf(DeltaRound.LinkRefused.class);
        assertThat(DeltaRound.refuses(new Answer(500, error("syncStateNotFound"), Optional.empty()))).as("a server error is retried, not a reset")
                .isFalse();
        assertThat(DeltaRound.refuses(new Answer(400, "<html>", Optional.empty()))).isFalse();
    }
}
