package io.github.procorecdi.connection;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.github.procorecdi.config.ConnectionConfig;

/** Builds Procore's {@code /oauth/authorize} URL. */
final class AuthorizationUris {

    private AuthorizationUris() {
    }

    /** @param state the CSRF state, or {@code null} for the bare URL carried by exceptions */
    static URI of(ConnectionConfig config, String state) {
        String base = config.loginUrl().toString();
        StringBuilder uri = new StringBuilder(base);
        if (!base.endsWith("/")) {
            uri.append('/');
        }
        uri.append("oauth/authorize?response_type=code&client_id=").append(encode(config.clientId()))
                .append("&redirect_uri=").append(encode(config.redirectUri()));
        if (state != null) {
            uri.append("&state=").append(encode(state));
        }
        return URI.create(uri.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
