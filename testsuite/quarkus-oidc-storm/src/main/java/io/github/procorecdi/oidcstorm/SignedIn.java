package io.github.procorecdi.oidcstorm;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import io.smallrye.mutiny.Uni;

/**
 * The pair the user's sign-in gave (system properties {@code storm.access-token}, {@code storm.expires-at} in epoch
 * seconds, {@code storm.refresh-token}): the first {@code getTokens()} of the filter answers it, as if the client had
 * acquired it itself; every later call goes to quarkus-oidc-client's {@link OidcClient} unchanged. Also keeps what the
 * application holds after the storm: the pair of the last token answer, or none when the last refresh failed (the filter
 * then forgets its tokens and, on the refresh grant, can acquire none).
 */
@Singleton
public class SignedIn {
    @ConfigProperty(name = "storm.access-token")
    String accessToken;
    @ConfigProperty(name = "storm.expires-at")
    long expiresAt;
    @ConfigProperty(name = "storm.refresh-token")
    String refreshToken;

    private final AtomicBoolean given = new AtomicBoolean();
    final AtomicReference<String> held = new AtomicReference<>();
    final AtomicInteger refreshes = new AtomicInteger();
    final AtomicInteger refreshFailures = new AtomicInteger();

    OidcClient wrap(OidcClient client) {
        held.set(refreshToken);
        return new OidcClient() {
            @Override
            public Uni<Tokens> getTokens(Map<String, String> additionalGrantParameters) {
                if (given.get()) {
                    held.set(null);
                    return client.getTokens(additionalGrantParameters);
                }
                // lazy, as OidcClientImpl's: TokensHelper may call this on several threads and subscribe to one answer
                return Uni.createFrom().deferred(() -> given.compareAndSet(false, true)
                        ? Uni.createFrom().item(new Tokens(accessToken, expiresAt, null, refreshToken, null, null, "Default"))
                        : client.getTokens(additionalGrantParameters));
            }

            @Override
            public Uni<Tokens> refreshTokens(String token, Map<String, String> additionalGrantParameters) {
                // TokensHelper may ask for a refresh and drop it (it lost a compare-and-set): count the ones it sends
                return client.refreshTokens(token, additionalGrantParameters).onSubscription().invoke(refreshes::incrementAndGet)
                        .onItemOrFailure().invoke((tokens, failure) -> {
                    if (failure != null) {
                        if (refreshFailures.incrementAndGet() == 1) {
                            System.out.println("REFRESH-FAILURE " + failure);
                        }
                        held.set(null);
                    } else {
                        held.set(tokens.getRefreshToken());
                    }
                });
            }

            @Override
            public Uni<Boolean> revokeAccessToken(String token, Map<String, String> additionalParameters) {
                return client.revokeAccessToken(token, additionalParameters);
            }

            @Override
            public void close() throws IOException {
                client.close();
            }
        };
    }
}
