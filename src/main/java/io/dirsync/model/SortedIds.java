package io.dirsync.model;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Objects;

/**
 * An immutable set of externalIds held as one sorted array, iterated in {@link String} order: how a group keeps its
 * members. It takes half the memory of {@link java.util.Set#of} (one reference per member, not two), and whoever lists
 * the members in order (the test report, an import) finds them sorted already. A lookup is a binary search.
 */
public final class SortedIds extends AbstractSet<String> {

    private static final SortedIds EMPTY = new SortedIds(new String[0]);

    private final String[] ids;

    private SortedIds(String[] sortedDistinct) {
        this.ids = sortedDistinct;
    }

    public static SortedIds of() {
        return EMPTY;
    }

    /** The ids of {@code ids} (duplicates count once); no id may be null. */
    public static SortedIds copyOf(Collection<String> ids) {
        if (ids instanceof SortedIds sorted) {
            return sorted;
        }
        String[] copy = ids.toArray(new String[0]);
        return adopt(copy, copy.length);
    }

    /**
     * The first {@code length} ids of {@code ids} (duplicates count once; none may be null), without copying them
     * first: the array is sorted in place and may be kept, so the caller must not use it again.
     */
    public static SortedIds adopt(String[] ids, int length) {
        Objects.checkFromToIndex(0, length, ids.length);
        if (length == 0) {
            return EMPTY;
        }
        for (int i = 0; i < length; i++) {
            Objects.requireNonNull(ids[i], "id");
        }
        Arrays.sort(ids, 0, length);
        int distinct = 1;
        for (int i = 1; i < length; i++) {
            if (!ids[i].equals(ids[distinct - 1])) {
                ids[distinct++] = ids[i];
            }
        }
        return new SortedIds(distinct == ids.length ? ids : Arrays.copyOf(ids, distinct));
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String id && Arrays.binarySearch(ids, id) >= 0;
    }

    /** In {@link String} order; {@code remove} is not supported. */
    @Override
    public Iterator<String> iterator() {
        return Arrays.asList(ids).iterator();
    }

    @Override
    public int size() {
        return ids.length;
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(ids, ids.length, Object[].class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T[] toArray(T[] a) {
        if (a.length < ids.length) {
            return (T[]) Arrays.copyOf(ids, ids.length, a.getClass());
        }
        System.arraycopy(ids, 0, a, 0, ids.length);
        if (a.length > ids.length) {
            a[ids.length] = null;
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof SortedIds other) {
            return Arrays.equals(ids, other.ids);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
