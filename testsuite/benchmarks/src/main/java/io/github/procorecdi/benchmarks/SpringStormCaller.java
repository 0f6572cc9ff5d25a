package io.github.procorecdi.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.JdbcOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * The same storm through Spring Security's OAuth2 client, as its documentation sets it up outside a web request:
 * {@code AuthorizedClientServiceOAuth2AuthorizedClientManager} over an in-memory authorized-client service, client
 * credentials or refresh-token providers with a zero clock skew (renew at expiry, as the procore-cdi side).
 */
final class SpringStormCaller implements StormNode.Caller {
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizeRequest request;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI api;

    private SpringStormCaller(AuthorizedClientServiceOAuth2AuthorizedClientManager manager, OAuth2AuthorizeRequest request, URI api) {
        this.manager = manager;
        this.request = request;
        this.api = api;
    }

    static StormNode.Caller create(boolean user, URI login, URI api, String code, String jdbc) throws Exception {
        ClientRegistration.Builder b = ClientRegistration.withRegistrationId("procore").tokenUri(login.resolve("/oauth/token").toString())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST); // Procore takes the secret in the form
        if (user) {
            b.clientId(Storms.WEB_CLIENT_ID).clientSecret(Storms.WEB_CLIENT_SECRET).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(Storms.REDIRECT).authorizationUri(login.resolve("/oauth/authorize").toString());
        } else {
            b.clientId(Storms.DMSA_CLIENT_ID).clientSecret(Storms.DMSA_CLIENT_SECRET).authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        }
        ClientRegistration registration = b.build();
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration);
        OAuth2AuthorizedClientService clients = jdbc == null ? new InMemoryOAuth2AuthorizedClientService(registrations)
                : new JdbcOAuth2AuthorizedClientService(new JdbcTemplate(new DriverManagerDataSource(jdbc, "postgres", "")), registrations);
        AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.clockSkew(Duration.ZERO)).refreshToken(r -> r.clockSkew(Duration.ZERO)).build());
        String principal = user ? "ada" : "service-account";
        if (user && code != null) {
            clients.saveAuthorizedClient(exchange(registration, login, code), new PrincipalName(principal));
        }
        return new SpringStormCaller(manager, OAuth2AuthorizeRequest.withClientRegistrationId("procore").principal(principal).build(), api);
    }

    @Override
    public int call() throws Exception {
        OAuth2AuthorizedClient client = manager.authorize(request);
        if (client == null) {
            throw new IllegalStateException("no authorized client");
        }
        return StormNode.get(http, api, client.getAccessToken().getTokenValue());
    }

    @Override
    public boolean needsSignIn(Throwable failure) {
        return failure instanceof ClientAuthorizationException;
    }

    /** Signs the user in once into Spring's JDBC authorized-client service (the table must exist). */
    static void signInToJdbc(URI login, String code, String jdbc) throws Exception {
        ClientRegistration registration = ClientRegistration.withRegistrationId("procore").tokenUri(login.resolve("/oauth/token").toString())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST).clientId(Storms.WEB_CLIENT_ID)
                .clientSecret(Storms.WEB_CLIENT_SECRET).authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(Storms.REDIRECT).authorizationUri(login.resolve("/oauth/authorize").toString()).build();
        JdbcOAuth2AuthorizedClientService clients = new JdbcOAuth2AuthorizedClientService(
                new JdbcTemplate(new DriverManagerDataSource(jdbc, "postgres", "")), new InMemoryClientRegistrationRepository(registration));
        clients.saveAuthorizedClient(exchange(registration, login, code), new PrincipalName("ada"));
    }

    /** Spring Security's documented schema for the JDBC authorized-client service, in PostgreSQL types. */
    static final String SCHEMA = "CREATE TABLE oauth2_authorized_client (client_registration_id varchar(100) NOT NULL, "
            + "principal_name varchar(200) NOT NULL, access_token_type varchar(100) NOT NULL, access_token_value bytea NOT NULL, "
            + "access_token_issued_at timestamp NOT NULL, access_token_expires_at timestamp NOT NULL, "
            + "access_token_scopes varchar(1000) DEFAULT NULL, refresh_token_value bytea DEFAULT NULL, "
            + "refresh_token_issued_at timestamp DEFAULT NULL, created_at timestamp DEFAULT CURRENT_TIMESTAMP NOT NULL, "
            + "PRIMARY KEY (client_registration_id, principal_name))";

    /** The code exchange the web flow did at sign-in (outside the storm). */
    private static OAuth2AuthorizedClient exchange(ClientRegistration registration, URI login, String code) throws Exception {
        String form = "grant_type=authorization_code&code=" + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8)
                + "&redirect_uri=" + java.net.URLEncoder.encode(Storms.REDIRECT, StandardCharsets.UTF_8)
                + "&client_id=" + Storms.WEB_CLIENT_ID + "&client_secret=" + Storms.WEB_CLIENT_SECRET;
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(login.resolve("/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        jakarta.json.JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(r.body())).readObject();
        Instant now = Instant.now();
        OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, json.getString("access_token"), now,
                now.plusSeconds(json.getJsonNumber("expires_in").longValue()));
        return new OAuth2AuthorizedClient(registration, "ada", access, new OAuth2RefreshToken(json.getString("refresh_token"), now));
    }

    /** The principal a stored client belongs to (no Spring Security context outside a web request). */
    private static final class PrincipalName extends org.springframework.security.authentication.AbstractAuthenticationToken {
        private static final long serialVersionUID = 1L;
        private final String name;

        PrincipalName(String name) {
            super(java.util.List.of());
            this.name = name;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return name;
        }

        @Override
        public String getName() {
            return name;
        }
    }
}
