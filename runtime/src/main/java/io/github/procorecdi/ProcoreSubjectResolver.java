package io.github.procorecdi;

/**
 * Decides whose tokens an authorization-code connection uses for the current call.
 *
 * <p>Implement it as a CDI bean to replace the built-in resolution (the authenticated caller's
 * name in a web request, else the HTTP session, else {@code "default"}). It is not consulted for
 * client-credentials connections, which have one fixed subject, nor for connections bound with
 * {@link ProcoreConnection#forSubject(String)}.
 */
@FunctionalInterface
public interface ProcoreSubjectResolver {

    /**
     * @param connection the connection name
     * @return the subject of the current call; never {@code null} or blank
     */
    String resolve(String connection);
}
