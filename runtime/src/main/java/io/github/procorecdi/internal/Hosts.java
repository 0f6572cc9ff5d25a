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
}
