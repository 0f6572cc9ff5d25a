package io.github.procorecdi.config;

import java.util.Objects;

/**
 * The webhook receiver of a connection.
 *
 * @param path          the servlet path deliveries are POSTed to
 * @param authorization the exact {@code Authorization} value the hook's {@code destination_headers} send (a secret)
 */
public record WebhookConfig(String path, String authorization) {
    public WebhookConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(authorization, "authorization");
    }

    @Override
    public String toString() {
        return "WebhookConfig[path=" + path + ", authorization=****]";
    }
}
