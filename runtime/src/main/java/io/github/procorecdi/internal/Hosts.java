package io.github.procorecdi.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** Which hosts count as this machine: the one place where plain http is allowed (config URLs, upload segment URLs). */
public final class Hosts {
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private Hosts() {
    }

    /** @return whether {@code host} (as {@code URI.getHost()} gives it, IPv6 in brackets or not) is a loopback host */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || IPV4_LOOPBACK.matcher(h).matches()
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * What to tell a user whose request to {@code url} never got through (unknown host, refused, unreachable, connect
     * timeout), instead of the JDK's bare {@code UnresolvedAddressException} or {@code ClosedChannelException}: the host
     * and port, what went wrong, and where the URL came from ({@code procore.<name>.<property>}, or the
     * {@code environment}'s default) with the property that changes it.
     *
     * @param property {@code login-url} or {@code api-url}
     */
    public static String unreachable(io.github.procorecdi.config.ConnectionConfig config, java.net.URI url, String property, Throwable cause) {
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
