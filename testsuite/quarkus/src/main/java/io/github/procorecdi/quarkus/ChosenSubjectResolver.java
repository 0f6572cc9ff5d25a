package io.github.procorecdi.quarkus;

import io.github.procorecdi.ProcoreSubjectResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * An application subject resolver: the subject is whatever the application chose last (here: a system property). An alternative, enabled only by
 * {@code SubjectResolverTest}'s profile, since a resolver replaces the session subject of every authorization-code
 * connection. Nothing injects it: procore-cdi finds it
 * programmatically.
 */
@Alternative
@ApplicationScoped
public class ChosenSubjectResolver implements ProcoreSubjectResolver {
    /** The system property naming the subject (a test may see this class through another class loader than the application). */
    public static final String PROPERTY = "procore.test.chosen-subject";

    @Override
    public String resolve(String connection) {
        return System.getProperty(PROPERTY, "nobody-yet");
    }
}
