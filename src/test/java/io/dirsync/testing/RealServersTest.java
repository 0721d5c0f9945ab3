package io.dirsync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealServersTest {

    @Test
    void anAvailableServerPasses() {
        assertThatCode(() -> RealServers.require("something", true)).doesNotThrowAnyException();
    }

    @Test
    void aMissingServerSkipsOrFailsOnCi() {
        // run once with CI=true (.ci/run) and once without (a developer's mvn test) to see both branches
        Class<? extends Throwable> expected = RealServers.onCi() ? AssertionFailedError.class : TestAbortedException.class;
        assertThatThrownBy(() -> RealServers.require("frobnicator (a fake server of RealServersTest)", false))
                .isInstanceOf(expected)
                .hasMessageContaining("frobnicator");
    }

    @Test
    void findsSbinToolsOffPath() {
        assertThat(RealServers.findExecutable("sh")).isPresent();
        assertThat(RealServers.findExecutable("no-such-tool-dirsync")).isEmpty();
    }
}
