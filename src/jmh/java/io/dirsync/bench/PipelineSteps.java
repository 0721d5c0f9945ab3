package io.dirsync.bench;

import io.dirsync.config.SyncSettings;
import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.DirectoryRead;
import io.dirsync.model.DirectoryUser;
import io.dirsync.model.Snapshot;
import io.dirsync.state.AppliedState;
import io.dirsync.sync.ChangeSet;
import io.dirsync.sync.DiffSettings;
import io.dirsync.sync.Differ;
import io.dirsync.sync.GroupFlattener;
import io.dirsync.sync.Normalizer;
import io.dirsync.sync.SyncTarget;
import io.dirsync.testing.SyntheticDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pipeline's steps on the suite's generated directory, 1,000,000 users / 50,000 groups by default (a tenth of the
 * groups nested), each through its public entry point: normalize (which flattens), flatten alone, and diff against
 * the applied state, unchanged and after the suite's 1% change (a hundredth of the users replaced). Run with
 * {@code mvn -Pjmh -DskipTests test}; {@code -Djmh.args="-p users=100000"} for a smaller directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime) // one call is a second or more at a million users
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class PipelineSteps {

    private static final SyncTarget TARGET = new SyncTarget("https://api.bitwarden.com",
            "3f2a6e5c-8d7b-4c1a-9e0f-1a2b3c4d5e6f", "benchmark");
    private static final DiffSettings DIFF = new DiffSettings(false, false, true, true, Duration.ofDays(3650), false);
    private static final Instant NOW = Instant.parse("2026-12-06T00:00:00Z");

    @Param("1000000")
    public int users;

    private final Normalizer normalizer = new Normalizer(new SyncSettings(true, true));
    private DirectoryRead read;
    private Snapshot snapshot;
    private Snapshot changed;
    private AppliedState applied;

    @Setup(Level.Trial)
    public void generate() {
        int groups = users / 20;
        read = read(users, groups, Set.of());
        snapshot = normalizer.normalize(read);
        Set<Integer> leavers = new HashSet<>();
        for (int i = 0; i < users / 100; i++) {
            leavers.add(i * 100);
        }
        changed = normalizer.normalize(read(users, groups, leavers));
        applied = Differ.diff(snapshot, Optional.empty(), TARGET, DIFF, NOW).nextState();
    }

    @Benchmark
    public Snapshot normalize() {
        return normalizer.normalize(read);
    }

    @Benchmark
    public List<DirectoryGroup> flatten() {
        return GroupFlattener.flatten(read.groups());
    }

    @Benchmark
    public ChangeSet diffUnchanged() {
        return Differ.diff(snapshot, Optional.of(applied), TARGET, DIFF, NOW);
    }

    @Benchmark
    public ChangeSet diffOnePercentReplaced() {
        return Differ.diff(changed, Optional.of(applied), TARGET, DIFF, NOW);
    }

    /** The directory as the LDAP source answers it; each leaver's place taken by a newcomer in the same groups. */
    private static DirectoryRead read(int users, int groups, Set<Integer> leavers) {
        DirectoryRead.Builder read = DirectoryRead.builder();
        for (int u = 0; u < users; u++) {
            String uid = leavers.contains(u) ? "newcomer" + u : SyntheticDirectory.uid(u);
            read.user(new DirectoryUser(userDn(uid), uid + "@example.com", false, false));
        }
        List<Set<String>> members = SyntheticDirectory.members(users, groups, 0, 0, 42);
        for (int g = 0; g < groups; g++) {
            List<String> userIds = new ArrayList<>();
            List<String> groupIds = new ArrayList<>();
            for (String member : members.get(g)) {
                if (member.startsWith("cn=")) {
                    groupIds.add(member);
                } else {
                    int u = Integer.parseInt(member.substring("uid=user".length(), member.indexOf(',')));
                    userIds.add(leavers.contains(u) ? userDn("newcomer" + u) : member);
                }
            }
            read.group(new DirectoryGroup(SyntheticDirectory.groupDn(g), SyntheticDirectory.groupName(g),
                    Set.copyOf(userIds), Set.copyOf(groupIds)));
        }
        return read.build();
    }

    private static String userDn(String uid) {
        return "uid=" + uid + ",ou=people," + SyntheticDirectory.SUFFIX;
    }
}
