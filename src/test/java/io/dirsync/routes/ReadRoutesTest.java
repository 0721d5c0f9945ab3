package io.dirsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dirsync.SourceException;
import io.dirsync.demo.DemoDirectory;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.LeftOut;
import io.dirsync.model.Snapshot;
import io.dirsync.sync.TestReport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The bundled YAML routes in a camel-main context, reading the built-in sample directory. */
class ReadRoutesTest extends CamelMainTestSupport {

    // started before the test instance: the override properties are taken in the constructor
    private static final DemoDirectory DIRECTORY = DemoDirectory.start();

    @AfterAll
    static void stopDirectory() {
        DIRECTORY.close();
    }

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.setRoutesIncludePattern("classpath:dirsync/routes/*.camel.yaml");
        configuration.setRoutesExcludePattern("**/schedule.camel.yaml");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.putAll(DIRECTORY.settings());
        return properties;
    }

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Test
    void readDirectoryDeliversANormalizedSnapshot() {
        context.start();

        Snapshot snapshot = template.requestBody("direct:read-directory", null, Snapshot.class);

        assertThat(snapshot.users()).hasSize(31);
        assertThat(snapshot.leftOut()).extracting(LeftOut::externalId).containsExactly("uid=hlamarr,ou=people,dc=demo,dc=example");
        assertThat(snapshot.groups()).extracting(DirectoryGroup::name).hasSize(9).contains("Everyone", "On-Call");
        assertThat(snapshot.groups()).allSatisfy(group -> assertThat(group.memberGroupIds()).isEmpty());
    }

    @Test
    void aFailedReadNeverReachesTheNormalizer() throws Exception {
        AdviceWith.adviceWith(context, "read-ldap", route -> route.weaveAddFirst().throwException(
                new SourceException("Cannot connect to LDAP server ldap://127.0.0.1:1: Connection refused.")));
        AdviceWith.adviceWith(context, "read-directory", route -> route.weaveById("normalize").before().to("mock:normalize"));
        context.start();
        MockEndpoint normalize = getMockEndpoint("mock:normalize");
        normalize.expectedMessageCount(0);

        Exchange reply = template.request("direct:read-directory", exchange -> { });

        assertThat(reply.getException()).isInstanceOf(SourceException.class);
        normalize.assertIsSatisfied();
    }

    @Test
    void testRouteAnswersTheReportThatRendersBwdcJson() throws Exception {
        context.start();

        TestReport report = template.requestBody("direct:test", null, TestReport.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.writeJson(out, false);
        String json = out.toString(StandardCharsets.UTF_8);

        assertThat(json).startsWith("{\"object\":\"test\",").contains("\"displayName\":\"grace.hopper@demo.example\"");
    }
}
