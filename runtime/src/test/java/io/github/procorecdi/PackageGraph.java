package io.github.procorecdi;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which package of the project uses which, read from compiled classes: every class named in a class file's constant pool
 * (its references, field and method descriptors, generic signatures), so a fully qualified name in the code counts as
 * much as an import. Packages are named relative to {@code io.github.procorecdi} ({@code "API"} for that package itself).
 */
final class PackageGraph {
    static final String API = "API";
    private static final String ROOT = "io/github/procorecdi";
    private static final Pattern PROJECT_CLASS = Pattern.compile(ROOT + "((?:/[a-z][a-z0-9_]*)*)/([A-Z][\\w$]*)");

    /** package -> package it uses -> the uses, as {@code Class -> package.Class} */
    private final Map<String, Map<String, Set<String>>> edges = new TreeMap<>();

    /** @return the graph of the classes under {@code classes} (a class-output directory) */
    static PackageGraph ofClasses(Path classes) {
        PackageGraph graph = new PackageGraph();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> graph.addClassFile(classes.relativize(f), f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Adds that a class of package {@code from} uses a class of package {@code to} ({@code why} names the two). */
    void add(String from, String to, String why) {
        edges.computeIfAbsent(from, k -> new TreeMap<>());
        if (!from.equals(to)) {
            edges.get(from).computeIfAbsent(to, k -> new TreeSet<>()).add(why);
        }
    }

    /** @return the packages {@code from} uses, each with the uses responsible */
    Map<String, Set<String>> uses(String from) {
        return edges.getOrDefault(from, Map.of());
    }

    /** @return the packages */
    Set<String> packages() {
        return edges.keySet();
    }

    /**
     * @return one line per group of packages that reach each other (a strongly connected component of more than one
     *         package), naming one cycle through it and the classes responsible for each of its arrows; empty when the
     *         packages form a DAG
     */
    List<String> cycles() {
        List<String> found = new ArrayList<>();
        for (Set<String> component : new Components().of()) {
            if (component.size() > 1) {
                found.add(component + " reach each other; one cycle: " + describe(cycleThrough(component)));
            }
        }
        return found;
    }

    private List<String> cycleThrough(Set<String> component) {
        String start = component.iterator().next();
        Map<String, String> cameFrom = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String at = queue.poll();
            for (String next : uses(at).keySet()) {
                if (!component.contains(next)) {
                    continue;
                }
                if (next.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String p = at; !p.equals(start); p = cameFrom.get(p)) {
                        path.add(1, p);
                    }
                    path.add(start);
                    return path;
                }
                if (!cameFrom.containsKey(next)) {
                    cameFrom.put(next, at);
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + component);
    }

    private String describe(List<String> cycle) {
        StringBuilder text = new StringBuilder(String.join(" -> ", cycle)).append(" (");
        for (int i = 0; i + 1 < cycle.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(cycle.get(i)).append(" -> ").append(cycle.get(i + 1)).append(": ")
                    .append(String.join(", ", uses(cycle.get(i)).get(cycle.get(i + 1))));
        }
        return text.append(')').toString();
    }

    private void addClassFile(Path relative, Path file) {
        String name = relative.toString().replace('\\', '/');
        Matcher self = PROJECT_CLASS.matcher(name);
        if (!self.lookingAt()) {
            return;
        }
        String from = packageName(self.group(1));
        String simple = self.group(2).replaceAll("\\$.*", "");
        add(from, from, "");
        try (InputStream in = Files.newInputStream(file)) {
            for (String utf8 : constantPoolStrings(new DataInputStream(in))) {
                Matcher used = PROJECT_CLASS.matcher(utf8);
                while (used.find()) {
                    String to = packageName(used.group(1));
                    add(from, to, simple + " -> " + (to.equals(API) ? "" : to + ".") + used.group(2).replaceAll("\\$.*", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    private static String packageName(String subPackages) {
        return subPackages.isEmpty() ? API : subPackages.substring(1).replace('/', '.');
    }

    /** @return the UTF-8 constants of a class file: class names, descriptors, signatures, string literals */
    private static List<String> constantPoolStrings(DataInputStream in) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        List<String> strings = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> strings.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipBytes(2);
                case 15 -> in.skipBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                case 5, 6 -> {
                    in.skipBytes(8);
                    i++; // takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return strings;
    }

    /** Tarjan's strongly connected components. */
    private final class Components {
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        List<Set<String>> of() {
            Set<String> all = new TreeSet<>(edges.keySet());
            edges.values().forEach(to -> all.addAll(to.keySet()));
            for (String p : all) {
                if (!index.containsKey(p)) {
                    visit(p);
                }
            }
            return components;
        }

        private void visit(String p) {
            index.put(p, index.size());
            low.put(p, index.get(p));
            stack.push(p);
            onStack.add(p);
            for (String next : uses(p).keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(p, Math.min(low.get(p), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(p, Math.min(low.get(p), index.get(next)));
                }
            }
            if (low.get(p).equals(index.get(p))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(p));
                components.add(component);
            }
        }
    }
}
