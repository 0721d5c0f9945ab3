package io.dirsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dirsync.ConfigurationException;
import io.dirsync.model.ImportRequest.Member;
import io.dirsync.model.Snapshot;
import io.dirsync.sync.ChangeSet.GuardFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DeletionGuardTest {

    private static final DeletionGuard TEN_PERCENT = new DeletionGuard(MaxDeletions.parse("10%"));
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DeletionGuard.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(DeletionGuard.class)).detachAppender(log);
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static ChangeSet removing(int removals, GuardFacts facts) {
        List<Member> removed = IntStream.range(0, removals).mapToObj(i -> new Member("u" + i + "@ex.com", "u" + i, true))
                .toList();
        return new ChangeSet(removed, List.of(), List.of(), removed, List.of(), List.of(), 0, 0, List.of(), false,
                null, false, facts, AppliedState.empty("https://api", "org"));
    }

    private static ChangeSet removing(int removals, int appliedMembers) {
        return removing(removals, new GuardFacts(appliedMembers, 0, false, false));
    }

    @Test
    void removalsWithinThePercentageGoThrough() {
        ChangeSet changes = removing(10, 100);

        assertThat(TEN_PERCENT.check(changes, false)).isSameAs(changes);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void removalsOverThePercentageAreRefusedWithTheNumbersAndTheWayOut() {
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(90, 100), false))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessage("Refused: this run would remove 90 of 100 members (limit 10%, sync.max-deletions)."
                        + " Check the directory and filters; if intended, run again with --allow-deletions.")
                .satisfies(e -> assertThat(((GuardRefusedException) e).exitCode()).isEqualTo(3));
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(11, 100), false)).isInstanceOf(GuardRefusedException.class);
    }

    @Test
    void thePercentageRoundsUp() {
        TEN_PERCENT.check(removing(1, 5), false);
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(2, 5), false))
                .hasMessageStartingWith("Refused: this run would remove 2 of 5 members (limit 10%, sync.max-deletions).");
    }

    @Test
    void aFixedNumberIgnoresTheSizeOfTheOrganization() {
        DeletionGuard twentyFive = new DeletionGuard(MaxDeletions.count(25));

        twentyFive.check(removing(25, 30), false);
        assertThatThrownBy(() -> twentyFive.check(removing(26, 10_000), false))
                .hasMessage("Refused: this run would remove 26 of 10000 members (limit 25, sync.max-deletions)."
                        + " Check the directory and filters; if intended, run again with --allow-deletions.");
    }

    @Test
    void zeroRefusesAnyRemoval() {
        DeletionGuard none = new DeletionGuard(MaxDeletions.count(0));

        none.check(removing(0, 100), false);
        assertThatThrownBy(() -> none.check(removing(1, 100), false)).isInstanceOf(GuardRefusedException.class);
    }

    @Test
    void allowDeletionsLetsItThroughWithAWarning() {
        ChangeSet changes = removing(90, 100);

        assertThat(TEN_PERCENT.check(changes, true)).isSameAs(changes);
        assertThat(warnings()).containsExactly(
                "Allowed by --allow-deletions: this run would remove 90 of 100 members (limit 10%, sync.max-deletions)");
    }

    @Test
    void anEmptyReadAfterAppliedMembersIsRefused() {
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(0, new GuardFacts(100, 0, true, false)), false))
                .isInstanceOf(GuardRefusedException.class)
                .hasMessage("Refused: the directory returned no users, but 100 members were synced before."
                        + " Check the directory and filters; if intended, run again with --allow-deletions.");
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(0, new GuardFacts(1, 0, true, false)), false))
                .hasMessageStartingWith("Refused: the directory returned no users, but 1 member was synced before.");
    }

    @Test
    void anEmptyGroupReadAfterAppliedGroupsIsRefused() {
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(0, new GuardFacts(100, 12, false, true)), false))
                .hasMessage("Refused: the directory returned no groups, but 12 groups were synced before."
                        + " Check the directory and filters; if intended, run again with --allow-deletions.");
        assertThatThrownBy(() -> TEN_PERCENT.check(removing(0, new GuardFacts(100, 12, true, true)), false))
                .hasMessageStartingWith("Refused: the directory returned no users and no groups, but 100 members"
                        + " and 12 groups were synced before.");
    }

    @Test
    void anEmptyReadIsFineWhenNothingWasApplied() {
        TEN_PERCENT.check(removing(0, new GuardFacts(0, 0, true, true)), false);
        TEN_PERCENT.check(removing(0, new GuardFacts(0, 5, true, false)), false);
    }

    @Test
    void anAllowedEmptyReadIsStillWarnedAbout() {
        TEN_PERCENT.check(removing(100, new GuardFacts(100, 0, true, false)), true);

        assertThat(warnings()).containsExactly(
                "Allowed by --allow-deletions: the directory returned no users, but 100 members were synced before",
                "Allowed by --allow-deletions: this run would remove 100 of 100 members (limit 10%, sync.max-deletions)");
    }

    @Test
    void theDifferAndTheGuardTogether() {
        AppliedState applied = new AppliedState("https://api", "org", "fp", null, null, null,
                Map.of("u1", "u1@ex.com", "u2", "u2@ex.com", "u3", "u3@ex.com"), Map.of());
        ChangeSet emptyRead = Differ.diff(new Snapshot(List.of(), List.of(), List.of()),
                Optional.of(applied), new SyncTarget("https://api", "org", "fp"),
                new DiffSettings(false, false, true, true, Duration.ZERO, false), Instant.EPOCH);

        assertThatThrownBy(() -> TEN_PERCENT.check(emptyRead, false))
                .hasMessageStartingWith("Refused: the directory returned no users, but 3 members were synced before.");
    }

    @Test
    void readsTheLimitFromTheContextAtEachCall() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            DeletionGuard guard = new DeletionGuard();
            guard.setCamelContext(context);

            assertThatThrownBy(() -> guard.check(removing(11, 100), false)).hasMessageContaining("(limit 10%,");

            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "50");
            guard.check(removing(50, 100), false);

            context.getPropertiesComponent().addInitialProperty("sync.max-deletions", "lots");
            assertThatThrownBy(() -> guard.check(removing(0, 100), false))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageStartingWith("Invalid setting sync.max-deletions=lots:");
        }
    }
}
