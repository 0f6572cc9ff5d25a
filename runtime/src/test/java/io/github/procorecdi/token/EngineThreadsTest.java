package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.internal.RuntimeThreads;
import io.github.procorecdi.store.MemoryTokenStore;

/**
 * Every thread the token engine starts (timer, renewals ahead of expiry) belongs to its connection and ends when the
 * connection closes (issue 22: the JVM-wide pools outlived the application that used them).
 */
class EngineThreadsTest {

    /** The live threads named {@code procore-*} (procore-cdi's). */
    static Set<Thread> procoreThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("procore-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    static List<String> names(Set<Thread> threads) {
        return threads.stream().map(Thread::getName).sorted().toList();
    }

    @Test
    void closingTheEngineStopsTheThreadsItsRenewalsStarted() throws Exception {
        Set<Thread> before = procoreThreads();
        TokenManagerTest.FakeGrants grants = new TokenManagerTest.FakeGrants();
        grants.lifetime = Duration.ofSeconds(4);
        TokenManager tokens = TokenManager.builder("threads").grantType(GrantType.CLIENT_CREDENTIALS).endpoint(grants)
                .store(MemoryTokenStore::new).refreshAhead(Duration.ofSeconds(2)).lease(Duration.ofSeconds(5)).build();

        tokens.token("service");
        for (int i = 0; i < 400 && grants.clientCredentials.get() < 2; i++) { // a renewal ahead of expiry, on a renewal thread
            Thread.sleep(25);
            tokens.token("service");
        }
        assertThat(grants.clientCredentials.get()).as("renewed ahead of expiry").isGreaterThanOrEqualTo(2);
        Set<Thread> started = procoreThreads();
        started.removeAll(before);
        assertThat(names(started)).as("the timer and a renewal thread ran").isNotEmpty();

        tokens.close();

        Set<Thread> left = procoreThreads();
        left.retainAll(started);
        assertThat(names(left)).as("threads of the closed engine still alive").isEmpty();
    }

    @Test
    void closingTheConnectionsThreadsStopsEveryPoolAndRefusesLaterWork() throws Exception {
        RuntimeThreads threads = RuntimeThreads.of("pools");
        BackgroundWork work = new BackgroundWork(threads, false);
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        Runnable blocks = () -> {
            running.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertThat(work.submit(blocks)).isTrue();
        threads.pool("async").execute(blocks);
        assertThat(running.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        threads.timer().schedule(() -> { }, 1, java.util.concurrent.TimeUnit.HOURS);
        Set<Thread> mine = procoreThreads().stream().filter(t -> t.getName().startsWith("procore-cdi-pools-")).collect(Collectors.toSet());
        assertThat(names(mine)).contains("procore-cdi-pools-renewal-1", "procore-cdi-pools-async-1", "procore-cdi-pools-timer-1");

        threads.close(); // interrupts the two blocked tasks

        assertThat(names(mine.stream().filter(Thread::isAlive).collect(Collectors.toSet()))).isEmpty();
        assertThat(work.submit(() -> { })).as("work after close is refused, not run on a new thread").isFalse();
        assertThat(procoreThreads().stream().filter(t -> t.getName().startsWith("procore-cdi-pools-")).toList()).isEmpty();
    }

    /**
     * A connection's thread is started by whichever thread submits its first task, often a server's request thread: it
     * must not copy that thread's inheritable thread-locals (the request's or the server's values would live on in it).
     */
    @Test
    void connectionThreadsCopyNoInheritableThreadLocalOfTheThreadThatStartedThem() throws Exception {
        InheritableThreadLocal<Object> requestValue = new InheritableThreadLocal<>();
        requestValue.set("the request's value");
        try (RuntimeThreads threads = RuntimeThreads.of("inherit")) {
            Object seen = threads.pool("async").submit(requestValue::get).get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(seen).as("inheritable thread-local seen on the connection's new thread").isNull();
        } finally {
            requestValue.remove();
        }
    }
}
