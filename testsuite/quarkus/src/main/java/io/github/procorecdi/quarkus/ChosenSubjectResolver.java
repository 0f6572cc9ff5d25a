package io.github.procorecdi.quarkus;

import java.util.concurrent.atomic.AtomicReference;

import io.github.procorecdi.ProcoreSubjectResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * An application subject resolver: the subject is whatever the application chose last. An alternative, enabled only by
 * {@code SubjectResolverTest}'s profile, since a resolver replaces the session subject of every authorization-code
 * connection. Nothing injects it (the test, too, looks it up
 * programmatically): procore-cdi finds it programmatically.
 */
@Alternative
@ApplicationScoped
public class ChosenSubjectResolver implements ProcoreSubjectResolver {
    private final AtomicReference<String> chosen = new AtomicReference<>("nobody-yet");

    public void choose(String subject) {
        chosen.set(subject);
    }

    @Override
    public String resolve(String connection) {
        return chosen.get();
    }
}
