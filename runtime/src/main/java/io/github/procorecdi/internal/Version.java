package io.github.procorecdi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The procore-cdi version, for the default {@code User-Agent}. */
public final class Version {
    private static final String VERSION = read();

    private Version() {
    }

    /** @return procore-cdi's version */
    public static String version() {
        return VERSION;
    }

    /** @return the default {@code User-Agent}: {@code procore-cdi/<version>} */
    public static String defaultUserAgent() {
        return "procore-cdi/" + VERSION;
    }

    private static String read() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
