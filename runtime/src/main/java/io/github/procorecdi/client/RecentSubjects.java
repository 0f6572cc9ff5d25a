package io.github.procorecdi.client;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subjects whose calls a connection has sent (at most {@link #MAX}), for the status page's token states. Cheap on
 * the call path: a subject equal to the last one seen (a service account, a busy user) costs one field read.
 */
public final class RecentSubjects {
    /** Subjects kept; later ones are not listed. */
    public static final int MAX = 200;

    private final Set<String> subjects = ConcurrentHashMap.newKeySet();
    private volatile String last;

    void saw(String subject) {
        if (subject == null || subject.equals(last)) {
            return;
        }
        last = subject;
        if (subjects.size() < MAX) {
            subjects.add(subject);
        }
    }

    /** @return the subjects seen, sorted */
    public List<String> list() {
        return subjects.stream().sorted().toList();
    }
}
