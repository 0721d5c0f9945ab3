package io.dirsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.model.ImportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

/** The bundled push route: batches go out in order, one at a time, at most five per second (and 60 a minute on the cloud). */
class PushRouteTest extends CamelMainTestSupport {

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.setRoutesIncludePattern("classpath:dirsync/routes/*.camel.yaml");
        configuration.setRoutesExcludePattern("**/schedule.camel.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("bitwarden.client-id", "organization.3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f");
        properties.put("bitwarden.client-secret", "unused");
        return properties;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void twelveBatchesArePacedToFivePerSecondInOrder() throws Exception {
        List<ImportRequest> batches = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batches.add(new ImportRequest(List.of(), List.of(new ImportRequest.Member("m" + i + "@x.com", "m" + i, false)),
                    false, true, false));
        }
        AdviceWith.adviceWith(context, "push-bitwarden", route -> {
            route.weaveById("batch").replace().setBody(route.constant(batches));
            route.weaveById("post").replace().to("mock:post");
        });
        context.start();
        MockEndpoint post = getMockEndpoint("mock:post");
        post.expectedMessageCount(12);

        template.sendBody("direct:push-bitwarden", "a change set");

        post.assertIsSatisfied();
        List<Exchange> received = post.getReceivedExchanges();
        assertThat(received).extracting(e -> e.getMessage().getBody(ImportRequest.class).members().get(0).externalId())
                .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11");
        long first = arrival(received.get(0));
        // requests 6 to 10 wait for the second window, 11 and 12 for the third
        assertThat(Duration.ofMillis(arrival(received.get(5)) - first)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.ofMillis(arrival(received.get(10)) - first)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void onTheCloudTheSixtyFirstBatchWaitsForTheMinuteToPass() throws Exception {
        // bitwarden.url is unset: the US cloud, whose limit is 5 posts a second and 60 a minute per IP
        List<ImportRequest> batches = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            batches.add(new ImportRequest(List.of(), List.of(new ImportRequest.Member("m" + i + "@x.com", "m" + i, false)),
                    false, true, false));
        }
        AdviceWith.adviceWith(context, "push-bitwarden", route -> {
            route.weaveById("batch").replace().setBody(route.constant(batches));
            route.weaveById("post").replace().to("mock:post");
        });
        context.start();
        MockEndpoint post = getMockEndpoint("mock:post");
        post.expectedMessageCount(61);
        post.setResultWaitTime(90_000);

        template.sendBody("direct:push-bitwarden", "a change set");

        post.assertIsSatisfied();
        List<Exchange> received = post.getReceivedExchanges();
        long first = arrival(received.get(0));
        assertThat(Duration.ofMillis(arrival(received.get(59)) - first)).as("60 at 5 a second")
                .isLessThan(Duration.ofSeconds(20));
        assertThat(Duration.ofMillis(arrival(received.get(60)) - first)).as("the 61st, a minute after the first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(59_900));
    }

    private static long arrival(Exchange exchange) {
        return exchange.getProperty(Exchange.RECEIVED_TIMESTAMP, java.util.Date.class).getTime();
    }
}
