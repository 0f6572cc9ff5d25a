package io.github.procorecdi.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreUploads;
import io.github.procorecdi.client.ClientScope;
import io.github.procorecdi.config.ConnectionConfig;

/**
 * The JDK HTTP clients of a connection (its token endpoint's, its uploads' storage host's) are the connection's: once it
 * is closed, their selector threads ({@code HttpClient-<n>-SelectorManager}, which keep the context class loader of the
 * application that created them) end, even while the application still holds the runtime and an uploads object, as a
 * leaked reference would. On Java 21 and later the clients are shut down at close; on Java 17 to 20 nothing of the
 * closed connection refers to them any more, so they end when collected (the test collects, boundedly).
 */
class ConnectionHttpClientsTest {
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    /** How long the test collects garbage and waits for the threads to end. */
    private static final long WAIT_MILLIS = 20_000;

    static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager")).collect(Collectors.toSet());
    }

    @Test
    void closingTheConnectionEndsTheSelectorThreadsOfItsHttpClients() throws Exception {
        Set<Thread> before = selectorThreads();
        ConnectionConfig config = ConnectionConfig.builder("uploads").client("id", "secret").grantType(GrantType.CLIENT_CREDENTIALS)
                .companyId("1").urls(NOWHERE, NOWHERE).userAgent("test").build();
        ConnectionRuntime runtime = new ConnectionRuntime(config, ContainerServices.NONE, Clock.systemUTC());
        Set<Thread> endpoints = selectorThreads();
        endpoints.removeAll(before);
        ProcoreUploads uploads = runtime.uploads(ClientScope.NONE); // the storage host's client is created here
        Set<Thread> storage = selectorThreads();
        storage.removeAll(before);
        storage.removeAll(endpoints);
        assertThat(names(endpoints)).as("the token endpoint's client").hasSize(1);
        assertThat(names(storage)).as("the uploads' storage client").hasSize(1);

        runtime.close();

        Set<Thread> started = new java.util.HashSet<>(endpoints);
        started.addAll(storage);
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (started.stream().anyMatch(Thread::isAlive) && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(names(started.stream().filter(Thread::isAlive).collect(Collectors.toSet())))
                .as("HTTP client threads of the closed connection alive after %d ms of collections (runtime and uploads "
                        + "still held)", WAIT_MILLIS).isEmpty();
        assertThat(runtime).isNotNull();
        assertThat(uploads).isNotNull(); // held to the end
    }

    private static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
