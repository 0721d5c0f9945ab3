package io.dirsync.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SortedIdsTest {

    @Test
    void iteratesInStringOrderAndCountsADuplicateOnce() {
        String[] ids = {"uid=b", "uid=a", "Uid=c", "uid=a", "uid=b"};

        SortedIds set = SortedIds.adopt(ids, ids.length);

        assertThat(set).containsExactly("Uid=c", "uid=a", "uid=b");
        assertThat(set).hasSize(3);
        assertThat(set.toArray(String[]::new)).containsExactly("Uid=c", "uid=a", "uid=b");
    }

    @Test
    void takesOnlyTheFirstIdsOfAnArray() {
        String[] ids = {"b", "a", "ignored", null};

        assertThat(SortedIds.adopt(ids, 2)).containsExactly("a", "b");
        assertThat(SortedIds.adopt(ids, 0)).isEmpty();
    }

    @Test
    void findsWhatItHoldsAndNothingElse() {
        Random random = new Random(7);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            expected.add("user" + random.nextInt(5000));
        }

        SortedIds set = SortedIds.copyOf(expected);

        assertThat(set).hasSize(expected.size());
        for (int i = 0; i < 5000; i++) {
            assertThat(set.contains("user" + i)).as("user" + i).isEqualTo(expected.contains("user" + i));
        }
        assertThat(set.contains(42)).isFalse();
        assertThat(set.contains(null)).isFalse();
        assertThat(new ArrayList<>(set)).isEqualTo(new ArrayList<>(new TreeSet<>(expected)));
    }

    @Test
    void equalsAnySetOfTheSameIdsWithTheSameHash() {
        SortedIds set = SortedIds.copyOf(List.of("x", "y", "z"));

        assertThat(set).isEqualTo(Set.of("z", "y", "x"));
        assertThat(Set.of("z", "y", "x")).isEqualTo(set);
        assertThat(set).isEqualTo(SortedIds.copyOf(Set.of("y", "z", "x")));
        assertThat(set.hashCode()).isEqualTo(Set.of("x", "y", "z").hashCode());
        assertThat(set).isNotEqualTo(Set.of("x", "y"));
        assertThat(SortedIds.copyOf(set)).isSameAs(set);
    }

    @Test
    void cannotBeChanged() {
        SortedIds set = SortedIds.copyOf(List.of("a", "b"));

        assertThatThrownBy(() -> set.add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> set.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(set::clear).isInstanceOf(UnsupportedOperationException.class);
        Object[] copy = set.toArray();
        copy[0] = "changed";
        assertThat(set).containsExactly("a", "b");
    }

    @Test
    void refusesANullId() {
        assertThatThrownBy(() -> SortedIds.copyOf(Collections.singletonList(null)))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SortedIds.adopt(new String[] {"a", null}, 2)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aGroupKeepsItsMembersSortedWhateverSetItIsGiven() {
        DirectoryGroup group = new DirectoryGroup("g", "G", new HashSet<>(List.of("c", "a", "b")), Set.of());

        assertThat(group.memberUserIds()).isInstanceOf(SortedIds.class).containsExactly("a", "b", "c");
    }
}
