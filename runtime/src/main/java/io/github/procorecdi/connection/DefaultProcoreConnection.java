package io.github.procorecdi.connection;

import java.net.URI;
import java.util.Objects;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.GrantType;
import io.github.procorecdi.IntegrationHealth;
import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreUploads;
import io.github.procorecdi.TokenInfo;
import io.github.procorecdi.client.ClientScope;

/** {@link ProcoreConnection} over a {@link ConnectionRuntime}, optionally bound to a subject and a company. */
public final class DefaultProcoreConnection implements ProcoreConnection {
    private final ConnectionRuntime runtime;
    private final ClientScope scope;

    private DefaultProcoreConnection(ConnectionRuntime runtime, ClientScope scope) {
        this.runtime = runtime;
        this.scope = scope;
    }

    /** @return the connection of {@code runtime}, acting for the current subject of each call */
    public static ProcoreConnection of(ConnectionRuntime runtime) {
        return new DefaultProcoreConnection(runtime, ClientScope.NONE);
    }

    /** @return the engine behind this connection (white-box tests, the web flow) */
    public ConnectionRuntime runtime() {
        return runtime;
    }

    private String subject() {
        return scope.subject(runtime.subjects());
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
            return this; // one service account: the subject is fixed
        }
        return new DefaultProcoreConnection(runtime, scope.withSubject(subject));
    }

    @Override
    public ProcoreConnection forCompany(long companyId) {
        if (companyId <= 0) {
            throw new IllegalArgumentException("a Procore company id is positive, got " + companyId);
        }
        return new DefaultProcoreConnection(runtime, scope.withCompany(Long.toString(companyId)));
    }

    @Override
    public <T> T client(Class<T> api) {
        return runtime.clients().build(api, scope);
    }

    @Override
    public ProcoreUploads uploads() {
        return runtime.uploads(scope);
    }

    @Override
    public IntegrationHealth integrationHealth() {
        return runtime.integrationHealth(scope.companyId());
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
                + (scope.subject() != null ? ", subject=" + scope.subject() : "")
                + (scope.companyId() != null ? ", company=" + scope.companyId() : "") + "]";
    }
}
