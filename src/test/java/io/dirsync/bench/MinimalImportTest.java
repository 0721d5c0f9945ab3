package io.dirsync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The yardstick of a change's bytes: only who joined or left, and only the groups whose members changed. */
class MinimalImportTest {

    @TempDir
    Path folder;

    @Test
    void sendsTheJoinerTheLeaverAndOnlyTheGroupWhoseMembersChangedInFull() throws IOException {
        Path before = write("before.json", """
                {"object":"test","groups":[
                  {"externalId":"cn=a","displayName":"a","userIds":["u1","u2"]},
                  {"externalId":"cn=b","displayName":"b","userIds":["u2"]}],
                 "enabledUsers":[{"externalId":"u1","displayName":"one@example.com"},
                                 {"externalId":"u2","displayName":"two@example.com"}],
                 "disabledUsers":[],"deletedUsers":[]}""");
        Path after = write("after.json", """
                {"object":"test","groups":[
                  {"externalId":"cn=a","displayName":"a","userIds":["u2","u3"]},
                  {"externalId":"cn=b","displayName":"b","userIds":["u2"]}],
                 "enabledUsers":[{"externalId":"u2","displayName":"two@example.com"},
                                 {"externalId":"u3","displayName":"three@example.com"}],
                 "disabledUsers":[],"deletedUsers":[]}""");

        String expected = "{\"groups\":[{\"name\":\"a\",\"externalId\":\"cn=a\",\"memberExternalIds\":[\"u2\",\"u3\"]}],"
                + "\"members\":[{\"email\":\"three@example.com\",\"externalId\":\"u3\",\"deleted\":false},"
                + "{\"email\":\"one@example.com\",\"externalId\":\"u1\",\"deleted\":true}],"
                + "\"overwriteExisting\":false,\"largeImport\":false,\"inviteUsersAfterProvisioning\":false}";
        assertThat(MinimalImport.bytes(MinimalImport.Directory.read(before), after))
                .isEqualTo(expected.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void aGroupRenamedIsAChangeAndAnUnchangedDirectoryNeedsNoGroupAndNoMember() throws IOException {
        Path before = write("before.json", """
                {"groups":[{"externalId":"cn=a","displayName":"a","userIds":["u1"]}],
                 "enabledUsers":[{"externalId":"u1","displayName":"one@example.com"}]}""");
        Path renamed = write("renamed.json", """
                {"groups":[{"externalId":"cn=a","displayName":"A","userIds":["u1"]}],
                 "enabledUsers":[{"externalId":"u1","displayName":"one@example.com"}]}""");
        MinimalImport.Directory directory = MinimalImport.Directory.read(before);

        assertThat(MinimalImport.between(directory, before).groups()).isEmpty();
        assertThat(MinimalImport.between(directory, before).members()).isEmpty();
        assertThat(MinimalImport.between(directory, renamed).groups()).extracting(g -> g.name()).containsExactly("A");
    }

    @Test
    void somethingElseThanTestsJsonIsRefusedNamingTheFile() throws IOException {
        Path log = write("log.txt", "[\"not\", \"an object\"]");

        assertThatThrownBy(() -> MinimalImport.Directory.read(log))
                .hasMessageContaining("log.txt is not dirsync test's JSON");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text);
    }
}
