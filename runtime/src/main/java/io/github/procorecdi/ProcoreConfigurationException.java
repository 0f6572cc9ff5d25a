package io.github.procorecdi;

import java.util.List;


/** Deployment failed: the listed problems, each naming its {@code procore.*} property. */
public final class ProcoreConfigurationException extends ProcoreException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /** @param problems one line per problem, each starting with the property it concerns */
    public ProcoreConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one line per problem, each starting with the property it concerns */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        StringBuilder sb = new StringBuilder("procore-cdi configuration is invalid (").append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems").append("):");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
