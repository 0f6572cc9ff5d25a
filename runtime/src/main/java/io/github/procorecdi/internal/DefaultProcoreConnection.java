package io.github.procorecdi.internal;

import java.net.URI;
import java.util.Objects;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.TokenInfo;

/** {@link ProcoreConnection} over a {@link ConnectionRuntime}, optionally bound to one subject. */
public final class DefaultProcoreConnection implements ProcoreConnection {
    private final ConnectionRuntime runtime;
    private final String boundSubject;

    DefaultProcoreConnection(ConnectionRuntime runtime, String boundSubject) {
        this.runtime = runtime;
        this.boundSubject = boundSubject;
    }

    /** @return the subject this call acts for */
    public String subject() {
        if (boundSubject != null) {
            return boundSubject;
        }
        String subject = runtime.currentSubject();
        if (subject == null || subject.isBlank()) {
            throw new ProcoreException("Procore connection '" + name() + "': the subject resolver gave no subject for this call");
        }
        return subject;
    }

    public ConnectionRuntime runtime() {
        return runtime;
    }

    @Override
    public String name() {
        return runtime.config().name();
    }

    @Override
    public GrantType grantType() {
        return runtime.config().grantType();
    }

    @Override
    public URI authorizationUri(String state) {
        requireAuthorizationCode("authorizationUri");
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("state must not be blank: Procore sends it back unchanged so the callback can detect forged requests");
        }
        return runtime.authorizationUri(state);
    }

    @Override
    public AccessToken exchangeCode(String code) {
        requireAuthorizationCode("exchangeCode");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("authorization code must not be blank");
        }
        return runtime.tokens().exchangeCode(subject(), code.trim());
    }

    @Override
    public AccessToken accessToken() {
        return runtime.tokens().token(subject());
    }

    @Override
    public TokenInfo tokenInfo() {
        return runtime.endpoint().info(accessToken());
    }

    @Override
    public void revoke() {
        runtime.tokens().revoke(subject());
    }

    @Override
    public ProcoreConnection forSubject(String subject) {
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        if (grantType() == GrantType.CLIENT_CREDENTIALS) {
            return runtime.connection(); // one service account: the subject is fixed
        }
        return new DefaultProcoreConnection(runtime, subject);
    }

    @Override
    public <T> T client(Class<T> api) {
        return runtime.clients().build(api, this);
    }

    private void requireAuthorizationCode(String method) {
        if (grantType() != GrantType.AUTHORIZATION_CODE) {
            throw new ProcoreException("Procore connection '" + name() + "' uses grant type " + grantType().value()
                    + ": " + method + "() needs authorization_code (set procore." + name() + ".grant-type=authorization_code)");
        }
    }

    @Override
    public String toString() {
        return "ProcoreConnection[name=" + name() + ", grantType=" + grantType().value()
                + (boundSubject != null ? ", subject=" + boundSubject : "") + "]";
    }
}
