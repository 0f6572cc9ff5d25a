package io.github.procorecdi.quarkus;

import java.util.concurrent.atomic.AtomicReference;

import io.github.procorecdi.ProcoreSubjectResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/**
 * An application subject resolver: the subject is whatever the application chose last. An alternative, enabled only by
 * {@code SubjectResolverTest}'s profile, since a resolver replaces the session subject of every authorization-code
 * connection. Nothing injects it: procore-cdi finds it programmatically.
 */
@Alternative
@ApplicationScoped
public class ChosenSubjectResolver implements ProcoreSubjectResolver {
    private static final AtomicReference<String> CHOSEN = new AtomicReference<>("nobody-yet");

    public static void choose(String subject) {
        CHOSEN.set(subject);
    }

    @Override
    public String resolve(String connection) {
        return CHOSEN.get();
    }
}
