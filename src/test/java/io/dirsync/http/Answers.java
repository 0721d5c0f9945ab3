package io.dirsync.http;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** An API's answer as camel-http leaves it in an exchange, for a judge's unit test. */
public final class Answers {

    private Answers() {
    }

    /** The answer {@code status} with {@code body} and these response headers (a null value: no such header). */
    public static Exchange exchange(int status, String body, Map<String, String> headers) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setBody(body);
        headers.forEach((name, value) -> {
            if (value != null) {
                exchange.getMessage().setHeader(name, value);
            }
        });
        return exchange;
    }
}
