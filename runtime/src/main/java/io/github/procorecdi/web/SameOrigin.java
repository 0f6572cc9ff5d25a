package io.github.procorecdi.web;

import java.net.URI;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a state-changing request comes from a page of this application: {@code Sec-Fetch-Site:
 * same-origin} where the browser sends it, else an {@code Origin} (or, lacking it, {@code Referer})
 * whose host and port are the request's own. A request with none of these headers is refused. Scheme
 * is not compared, so TLS terminated at a proxy in front of the server still works.
 */
final class SameOrigin {
    private SameOrigin() {
    }

    static boolean check(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equalsIgnoreCase("same-origin");
        }
        String origin = request.getHeader("Origin");
        if (origin == null || origin.isBlank() || origin.equals("null")) {
            origin = request.getHeader("Referer");
        }
        if (origin == null || origin.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
            String expectedHost = request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
            if (expectedHost.startsWith("[") && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            return host.equals(expectedHost) && (port == request.getServerPort() || sameDefault(port, request.getServerPort()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** 80 and 443 are the same origin behind a TLS-terminating proxy. */
    private static boolean sameDefault(int a, int b) {
        return (a == 80 || a == 443) && (b == 80 || b == 443);
    }
}
