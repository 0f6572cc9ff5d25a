package io.github.procorecdi.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.Digests;

/**
 * The key a connection's tokens are stored under: {@code <name>@<digest>}, the digest being the first
 * 8 bytes (hex) of SHA-256 over the client id and the login host (what tells Procore's environments
 * apart; a port is not part of it, so a local simulator on another port keeps its tokens). Tokens belong to the client (and the
 * environment) that obtained them, so two applications sharing a store and a connection name, but
 * not a client id or an environment, never read each other's tokens.
 */
public final class StoreKeys {
    private StoreKeys() {
    }

    /** @return the store key of {@code config} */
    public static String of(ConnectionConfig config) {
        MessageDigest sha = Digests.sha256();
        sha.update(config.clientId().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(config.loginUrl().getHost().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return config.name() + "@" + HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
