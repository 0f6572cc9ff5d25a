package io.github.procorecdi.internal;

/** Tells whose tokens the current call of a connection uses. */
@FunctionalInterface
public interface SubjectSource {

    /** The subject of client-credentials connections: there is one service account per connection. */
    String SERVICE_ACCOUNT = "service-account";

    /** The subject of authorization-code connections when nothing else identifies the caller (Java SE, installed apps). */
    String DEFAULT = "default";

    /** @return the subject of the current call */
    String currentSubject();
}
