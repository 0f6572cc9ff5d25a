package io.github.procorecdi.config;

import io.github.procorecdi.internal.Throwables;

/** Why a request to one of a connection's URLs never got through, said in terms of the connection's properties. */
public final class UnreachableUrls {
    private UnreachableUrls() {
    }

    /**
     * What to tell a user whose request to {@code url} never got through (unknown host, refused, unreachable, connect
     * timeout), instead of the JDK's bare {@code UnresolvedAddressException} or {@code ClosedChannelException}: the host
     * and port, what went wrong, and where the URL came from ({@code procore.<name>.<property>}, or the
     * {@code environment}'s default) with the property that changes it.
     *
     * @param property {@code login-url} or {@code api-url}
     */
    public static String explain(ConnectionConfig config, java.net.URI url, String property, Throwable cause) {
        String host = url.getHost() == null ? String.valueOf(url) : url.getHost();
        int port = url.getPort() != -1 ? url.getPort() : "http".equalsIgnoreCase(url.getScheme()) ? 80 : 443;
        String what;
        if (Throwables.causedBy(cause, java.net.UnknownHostException.class)
                || Throwables.causedBy(cause, java.nio.channels.UnresolvedAddressException.class)) {
            what = "the host '" + host + "' does not resolve (unknown host)";
        } else if (Throwables.causedBy(cause, java.net.http.HttpConnectTimeoutException.class)
                || Throwables.causedBy(cause, java.net.SocketTimeoutException.class)) {
            what = "connecting to " + host + ":" + port + " timed out (procore." + config.name() + ".connect-timeout "
                    + config.connectTimeout() + ")";
        } else if (Throwables.causedBy(cause, java.net.NoRouteToHostException.class)) {
            what = "there is no route to " + host + ":" + port;
        } else {
            what = "nothing accepts connections at " + host + ":" + port + " (connection refused)";
        }
        String key = "procore." + config.name() + "." + property;
        String origin = config.environment() == null
                ? "the URL " + url + " is set by " + key
                : "the URL " + url + " is the " + property + " of procore." + config.name() + ".environment="
                        + config.environment().value() + " (" + key + " overrides it)";
        return what + "; " + origin;
    }
}
