package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestReportTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void bwdcsTestJsonWithEveryListSorted() throws Exception {
        Snapshot snapshot = new Snapshot(
                List.of(
                        new DirectoryUser("cn=Zoe", "zoe@x.com", false, false),
                        new DirectoryUser("cn=Gone", "gone@x.com", false, true),
                        new DirectoryUser("cn=Ann", "ann@x.com", false, false),
                        new DirectoryUser("cn=Off", "off@x.com", true, false),
                        new DirectoryUser("cn=OffAndGone", "offandgone@x.com", true, true),
                        new DirectoryUser("cn=NoMail", null, false, true),
                        new DirectoryUser("cn=Ann2", "ann@x.com", false, true)),
                List.of(
                        new DirectoryGroup("cn=Red", "Red Team", Set.of("cn=Zoe", "cn=Ann", "cn=Off"), Set.of()),
                        new DirectoryGroup("cn=Blue", "Blue Team", Set.of(), Set.of()),
                        new DirectoryGroup("cn=blue2", "blue team", Set.of("cn=Zoe"), Set.of())),
                List.of());

        String expected = """
                {"object":"test",\
                "groups":[\
                {"externalId":"cn=Blue","displayName":"Blue Team","userIds":[]},\
                {"externalId":"cn=blue2","displayName":"blue team","userIds":["cn=Zoe"]},\
                {"externalId":"cn=Red","displayName":"Red Team","userIds":["cn=Ann","cn=Off","cn=Zoe"]}],\
                "enabledUsers":[\
                {"externalId":"cn=Ann","displayName":"ann@x.com"},\
                {"externalId":"cn=Zoe","displayName":"zoe@x.com"}],\
                "disabledUsers":[\
                {"externalId":"cn=Off","displayName":"off@x.com"}],\
                "deletedUsers":[\
                {"externalId":"cn=Ann2","displayName":"ann@x.com"},\
                {"externalId":"cn=NoMail","displayName":"cn=NoMail"},\
                {"externalId":"cn=Gone","displayName":"gone@x.com"},\
                {"externalId":"cn=OffAndGone","displayName":"offandgone@x.com"}]}""";

        assertThat(json.writeValueAsString(TestReport.of(snapshot))).isEqualTo(expected);
    }

    private static TestReport smallReport() {
        return TestReport.of(new Snapshot(
                List.of(new DirectoryUser("cn=Ann", "ann@x.com", false, false),
                        new DirectoryUser("cn=Off", "off@x.com", true, false),
                        new DirectoryUser("cn=Gone", "gone \"quoted\" \u00e9@x.com", false, true)),
                List.of(new DirectoryGroup("cn=Red", "Red \\ Team", Set.of("cn=Ann", "cn=Off"), Set.of()),
                        new DirectoryGroup("cn=Blue", null, Set.of(), Set.of())),
                List.of()));
    }

    private static String printed(TestReport report, boolean pretty) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        report.writeJson(printed, pretty);
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printedCompactAsBwdcPrintsItAndAsARouteMarshalsIt() throws Exception {
        TestReport report = smallReport();

        assertThat(printed(report, false)).isEqualTo(json.writeValueAsString(report)).isEqualTo("""
                {"object":"test",\
                "groups":[{"externalId":"cn=Blue","displayName":"cn=Blue","userIds":[]},\
                {"externalId":"cn=Red","displayName":"Red \\\\ Team","userIds":["cn=Ann","cn=Off"]}],\
                "enabledUsers":[{"externalId":"cn=Ann","displayName":"ann@x.com"}],\
                "disabledUsers":[{"externalId":"cn=Off","displayName":"off@x.com"}],\
                "deletedUsers":[{"externalId":"cn=Gone","displayName":"gone \\"quoted\\" \u00e9@x.com"}]}""");
    }

    // What JavaScript's JSON.stringify(report, null, 2) gives, which is what 'bwdc test --pretty' prints.
    @Test
    void prettyIndentedAsBwdcPrettyPrintsIt() throws Exception {
        assertThat(printed(smallReport(), true)).isEqualTo("""
                {
                  "object": "test",
                  "groups": [
                    {
                      "externalId": "cn=Blue",
                      "displayName": "cn=Blue",
                      "userIds": []
                    },
                    {
                      "externalId": "cn=Red",
                      "displayName": "Red \\\\ Team",
                      "userIds": [
                        "cn=Ann",
                        "cn=Off"
                      ]
                    }
                  ],
                  "enabledUsers": [
                    {
                      "externalId": "cn=Ann",
                      "displayName": "ann@x.com"
                    }
                  ],
                  "disabledUsers": [
                    {
                      "externalId": "cn=Off",
                      "displayName": "off@x.com"
                    }
                  ],
                  "deletedUsers": [
                    {
                      "externalId": "cn=Gone",
                      "displayName": "gone \\"quoted\\" \u00e9@x.com"
                    }
                  ]
                }""");
    }

    @Test
    void emptySnapshot() throws Exception {
        String expected = """
                {"object":"test","groups":[],"enabledUsers":[],"disabledUsers":[],"deletedUsers":[]}""";

        assertThat(json.writeValueAsString(TestReport.of(new Snapshot(List.of(), List.of(), List.of()))))
                .isEqualTo(expected);
    }
}
