package io.github.procorecdi.config;

import java.util.ArrayList;
import java.util.List;

/** The configuration problems found at deployment (or by {@code ProcoreConnections}), each naming its property. */
public final class ConfigProblems {
    private final List<String> problems = new ArrayList<>();

    public void add(String property, String problem) {
        problems.add(property + ": " + problem);
    }

    /** @param line a problem already formatted as {@code property: problem} */
    public void add(String line) {
        problems.add(line);
    }

    public void addAll(ConfigProblems other) {
        problems.addAll(other.problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }
}
