package io.dirsync.sync;

import io.dirsync.model.DirectoryGroup;
import io.dirsync.model.SortedIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves nested groups: each group gets its direct users plus the users of every group it reaches through
 * {@code memberGroupIds}, transitively. Cycles and diamonds are fine; references to groups that are not in
 * the list contribute nothing.
 *
 * <p>Groups that reach each other (a strongly connected component) have the same users, so the groups are
 * grouped into components with an iterative Tarjan pass, which finishes components sinks first; each
 * component's users are then computed once from its members' direct users and its successors' (already
 * computed) users. Work is proportional to the groups, the references and the memberships produced, never
 * a rescan of all groups per group, and the depth of nesting does not touch the call stack.
 */
public final class GroupFlattener {

    private GroupFlattener() {
    }

    /** The groups in the same order, each with all the users it reaches and no member groups. */
    public static List<DirectoryGroup> flatten(List<DirectoryGroup> groups) {
        int[][] children = childIndexes(groups);
        Components components = Components.sinksFirst(children);
        List<Set<String>> usersOfComponent = usersOfComponents(groups, children, components);

        List<DirectoryGroup> flattened = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            flattened.add(groups.get(g).flattened(usersOfComponent.get(components.of[g])));
        }
        return flattened;
    }

    /** For each group, the positions of the groups it names as members (every one, if an externalId repeats). */
    private static int[][] childIndexes(List<DirectoryGroup> groups) {
        int n = groups.size();
        Map<String, Integer> firstWithId = new HashMap<>(n * 2);
        int[] nextWithSameId = new int[n];
        Arrays.fill(nextWithSameId, -1);
        for (int g = n - 1; g >= 0; g--) {
            Integer previousFirst = firstWithId.put(groups.get(g).externalId(), g);
            if (previousFirst != null) {
                nextWithSameId[g] = previousFirst;
            }
        }

        int[][] children = new int[n][];
        int[] buffer = new int[16];
        for (int g = 0; g < n; g++) {
            int count = 0;
            for (String childId : groups.get(g).memberGroupIds()) {
                Integer child = firstWithId.get(childId);
                for (int c = child == null ? -1 : child; c != -1; c = nextWithSameId[c]) {
                    if (count == buffer.length) {
                        buffer = Arrays.copyOf(buffer, count * 2);
                    }
                    buffer[count++] = c;
                }
            }
            children[g] = Arrays.copyOf(buffer, count);
        }
        return children;
    }

    private static List<Set<String>> usersOfComponents(List<DirectoryGroup> groups, int[][] children,
            Components components) {
        List<Set<String>> usersOf = new ArrayList<>(components.count);
        int[] lastSeenBy = new int[components.count];
        Arrays.fill(lastSeenBy, -1);
        int[] successors = new int[16];

        // Components are numbered sinks first, so every successor of c has a smaller number and is done.
        for (int c = 0; c < components.count; c++) {
            int successorCount = 0;
            Set<String> largest = SortedIds.of();
            for (int i = components.start[c]; i < components.start[c + 1]; i++) {
                Set<String> direct = groups.get(components.members[i]).memberUserIds();
                if (direct.size() > largest.size()) {
                    largest = direct;
                }
                for (int child : children[components.members[i]]) {
                    int s = components.of[child];
                    if (s != c && lastSeenBy[s] != c) {
                        lastSeenBy[s] = c;
                        if (successorCount == successors.length) {
                            successors = Arrays.copyOf(successors, successorCount * 2);
                        }
                        successors[successorCount++] = s;
                        if (usersOf.get(s).size() > largest.size()) {
                            largest = usersOf.get(s);
                        }
                    }
                }
            }

            // Start from the largest set among the successors' and the groups' own, and only collect what it lacks:
            // a group without nested groups keeps the set it was read with, and a component that adds nothing new
            // shares its largest successor's set instead of copying it (long chains stay cheap).
            Set<String> extra = new HashSet<>();
            for (int i = components.start[c]; i < components.start[c + 1]; i++) {
                Set<String> direct = groups.get(components.members[i]).memberUserIds();
                if (direct != largest) {
                    addMissing(direct, largest, extra);
                }
            }
            for (int k = 0; k < successorCount; k++) {
                Set<String> successorUsers = usersOf.get(successors[k]);
                if (successorUsers != largest) {
                    addMissing(successorUsers, largest, extra);
                }
            }
            usersOf.add(extra.isEmpty() ? largest : union(largest, extra));
        }
        return usersOf;
    }

    private static void addMissing(Set<String> from, Set<String> base, Set<String> extra) {
        for (String user : from) {
            if (!base.contains(user)) {
                extra.add(user);
            }
        }
    }

    private static Set<String> union(Set<String> base, Set<String> disjointExtra) {
        String[] all = new String[base.size() + disjointExtra.size()];
        int i = 0;
        for (String user : base) {
            all[i++] = user;
        }
        for (String user : disjointExtra) {
            all[i++] = user;
        }
        return SortedIds.adopt(all, all.length);
    }

    /**
     * Strongly connected components of the graph {@code children}: {@code of[v]} is v's component, numbered
     * in the order Tarjan's algorithm finishes them, which puts every component after all it can reach.
     * {@code members[start[c] .. start[c+1]-1]} lists the vertices of component c.
     */
    private record Components(int count, int[] of, int[] start, int[] members) {

        static Components sinksFirst(int[][] children) {
            int n = children.length;
            int[] index = new int[n];
            Arrays.fill(index, -1);
            int[] low = new int[n];
            int[] component = new int[n];
            Arrays.fill(component, -1);
            int[] stack = new int[n];
            int stackSize = 0;
            // An explicit call stack: vertex and the position of the next child to visit.
            int[] path = new int[n];
            int[] nextChild = new int[n];
            int pathSize = 0;
            int visited = 0;
            int count = 0;

            for (int root = 0; root < n; root++) {
                if (index[root] != -1) {
                    continue;
                }
                index[root] = low[root] = visited++;
                stack[stackSize++] = root;
                path[pathSize++] = root;
                while (pathSize > 0) {
                    int v = path[pathSize - 1];
                    if (nextChild[v] < children[v].length) {
                        int w = children[v][nextChild[v]++];
                        if (index[w] == -1) {
                            index[w] = low[w] = visited++;
                            stack[stackSize++] = w;
                            path[pathSize++] = w;
                        } else if (component[w] == -1) {
                            // visited and not yet in a finished component: w is on the stack
                            low[v] = Math.min(low[v], index[w]);
                        }
                    } else {
                        pathSize--;
                        if (low[v] == index[v]) {
                            int w;
                            do {
                                w = stack[--stackSize];
                                component[w] = count;
                            } while (w != v);
                            count++;
                        }
                        if (pathSize > 0) {
                            int parent = path[pathSize - 1];
                            low[parent] = Math.min(low[parent], low[v]);
                        }
                    }
                }
            }

            int[] start = new int[count + 1];
            for (int v = 0; v < n; v++) {
                start[component[v] + 1]++;
            }
            for (int c = 0; c < count; c++) {
                start[c + 1] += start[c];
            }
            int[] members = new int[n];
            int[] fill = Arrays.copyOf(start, count);
            for (int v = 0; v < n; v++) {
                members[fill[component[v]]++] = v;
            }
            return new Components(count, component, start, members);
        }
    }
}
