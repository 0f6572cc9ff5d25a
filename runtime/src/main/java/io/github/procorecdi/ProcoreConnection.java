package io.github.procorecdi;

import java.net.URI;

/**
 * One configured Procore connection ({@code procore.<name>.*}): its tokens, its authorization URL,
 * revocation, and REST clients bound to it. Inject with {@code @Inject @ProcoreClient("name")}.
 *
 * <p>Token operations act for the current subject (see {@link ProcoreSubjectResolver}) unless the
 * connection was bound with {@link #forSubject(String)}. All methods are thread-safe.
 */
public interface ProcoreConnection {

    /** @return the connection name */
    String name();

    /** @return the configured grant */
    GrantType grantType();

    /**
     * The URL of Procore's authorize page for this client and redirect URI.
     *
     * @param state the value Procore must send back unchanged (CSRF protection); not blank
     * @throws ProcoreException if the connection does not use the authorization-code grant
     */
    URI authorizationUri(String state);

    /**
     * Exchanges an authorization code for tokens of the current subject and stores them.
     *
     * @throws ProcoreTokenException if Procore refuses the code
     * @throws ProcoreException if the connection does not use the authorization-code grant
     */
    AccessToken exchangeCode(String code);

    /**
     * A valid access token for the current subject, obtained or refreshed as needed.
     *
     * @throws ProcoreAuthorizationRequiredException if the subject must (re)authorize
     * @throws ProcoreTokenException if the token endpoint refused or failed
     */
    AccessToken accessToken();

    /** @return what Procore's {@code /oauth/token/info} says of the current subject's token */
    TokenInfo tokenInfo();

    /** Revokes the current subject's tokens at Procore ({@code /oauth/revoke}) and forgets them. */
    void revoke();

    /**
     * @param subject the subject whose tokens the returned connection uses, e.g. a user id in a background job
     * @return this connection bound to {@code subject}
     */
    ProcoreConnection forSubject(String subject);

    /**
     * One app (and one service account) commonly serves many companies: the returned connection's clients
     * send {@code Procore-Company-Id: companyId} on every call, unless a call sets the header itself.
     * Precedence: the call's own header, then {@code forCompany}, then {@code company-id}. Combines with
     * {@link #forSubject(String)} in either order.
     *
     * @param companyId the Procore company id (64-bit)
     * @return this connection bound to {@code companyId}
     */
    ProcoreConnection forCompany(long companyId);

    /**
     * Builds a REST client of this connection (and of its bound subject and company, if any). The caller
     * should close it ({@link AutoCloseable}) when done; injected clients are closed by the container.
     *
     * @param api a MicroProfile Rest Client interface
     */
    <T> T client(Class<T> api);

    /**
     * Procore's unified file upload flow through this connection (its token and subject; the company of each
     * {@link UploadTarget} as {@code Procore-Company-Id}). See {@link ProcoreUploads}.
     *
     * @return the uploads of this connection
     */
    ProcoreUploads uploads();

    /**
     * Procore's Integration Health observations of this connection, computed live from the calls it sends, and its
     * API Call Activity Report. Bound to a company ({@link #forCompany(long)}), they cover that company's calls only.
     *
     * @return the connection's integration health (a live view: each call of its methods computes anew)
     */
    IntegrationHealth integrationHealth();
}
