package io.dirsync.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dirsync.config.JsonFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** entra-delta.json: what a commit writes is what the next read loads; anything wrong with it is a reason to read fully. */
class DeltaCacheTest {

    @TempDir
    Path temp;

    private static DeltaCache cache() {
        return new DeltaCache(DeltaCache.FORMAT_VERSION, "sha256:abc", "2030-01-02T03:04:05Z",
                "https://graph.example/v1.0/users/delta?$deltatoken=u", null,
                List.of(JsonNodeFactory.instance.objectNode().put("id", "u1").put("mail", "ann@x.com").putNull("x")),
                List.of(new DeltaCache.Group("g1", "Team", Map.of("u1", "#microsoft.graph.user"))));
    }

    @Test
    void aWrittenCacheLoadsAsItWas() throws Exception {
        Path file = temp.resolve("cache").resolve(DeltaCache.FILE);

        cache().update(file).write();

        assertThat(DeltaCache.load(file)).contains(cache());
        assertThat(Files.readString(file)).doesNotContain("groupsLink");
    }

    @Test
    void noFileIsNoCacheAndABrokenOneIsUnreadable() throws Exception {
        Path file = temp.resolve(DeltaCache.FILE);
        assertThat(DeltaCache.load(file)).isEmpty();
        String good = new String(cache().update(file).content());

        for (String content : List.of("", "[]", "null", "{\"formatVersion\":1}", good.replace("\"id\":\"u1\",", ""),
                good.replace("2030-01-02T03:04:05Z", "yesterday"), good + "{}")) {
            Files.writeString(file, content);
            assertThatThrownBy(() -> DeltaCache.load(file)).as(content).isInstanceOf(JsonFile.Unreadable.class)
                    .hasMessageNotContaining("\n");
        }
    }
}
