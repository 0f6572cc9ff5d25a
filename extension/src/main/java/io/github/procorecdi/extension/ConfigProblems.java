package io.github.procorecdi.extension;

import java.util.ArrayList;
import java.util.List;

/** The configuration problems found at deployment, each naming its property. */
final class ConfigProblems {
    private final List<String> problems = new ArrayList<>();

    void add(String property, String problem) {
        problems.add(property + ": " + problem);
    }

    /** @param line a problem already formatted as {@code property: problem} */
    void add(String line) {
        problems.add(line);
    }

    void addAll(ConfigProblems other) {
        problems.addAll(other.problems);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<String> list() {
        return List.copyOf(problems);
    }
}
