package io.github.procorecdi.client;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreSubjectResolver;

/**
 * Whose tokens the current call uses. Client credentials: {@link #SERVICE_ACCOUNT}. Authorization code:
 * the application's {@link ProcoreSubjectResolver} bean if it has one; else the caller of the web
 * request this thread serves (principal, else HTTP session); else, outside a web application,
 * {@link #DEFAULT}. In a web application a call off the request thread fails clearly instead of
 * sharing one subject between users: such code names its subject with {@code forSubject}.
 */
public final class Subjects {
    /** The subject of client-credentials connections: there is one service account per connection. */
    public static final String SERVICE_ACCOUNT = "service-account";
    /** The subject of authorization-code connections when nothing else identifies the caller (Java SE, installed apps). */
    public static final String DEFAULT = "default";

    private final String connection;
    private final boolean serviceAccount;
    private final Supplier<ProcoreSubjectResolver> resolverLookup;
    private final BooleanSupplier webApplication;
    private volatile Supplier<String> source;

    /**
     * @param connection     connection name
     * @param grantType      the grant
     * @param resolverLookup the application's resolver bean, or {@code null} (looked up at first use)
     * @param webApplication whether the application serves web requests (then no request means no subject)
     */
    public Subjects(String connection, GrantType grantType, Supplier<ProcoreSubjectResolver> resolverLookup,
                    BooleanSupplier webApplication) {
        this.connection = connection;
        this.serviceAccount = grantType == GrantType.CLIENT_CREDENTIALS;
        this.resolverLookup = resolverLookup;
        this.webApplication = webApplication;
    }

    /** @return the subject of the current call */
    public String current() {
        if (serviceAccount) {
            return SERVICE_ACCOUNT;
        }
        Supplier<String> s = source;
        if (s == null) {
            ProcoreSubjectResolver resolver = resolverLookup.get();
            s = resolver == null ? this::builtIn : () -> resolver.resolve(connection);
            source = s;
        }
        String subject = s.get();
        if (subject == null || subject.isBlank()) {
            throw new ProcoreException("Procore connection '" + connection + "': the subject resolver gave no subject for this call");
        }
        return subject;
    }

    private String builtIn() {
        String web = RequestSubjects.current();
        if (web != null) {
            return web;
        }
        if (webApplication.getAsBoolean()) {
            throw new ProcoreException("Procore connection '" + connection + "': this call runs outside a web request (an executor, "
                    + "a timer, an async task), so it has no signed-in user; use connection.forSubject(\"<user>\") (or a "
                    + "ProcoreSubjectResolver bean) to say whose tokens it uses");
        }
        return DEFAULT;
    }
}
