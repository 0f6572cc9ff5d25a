package io.github.procorecdi.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.health.ApiRoute;
import io.github.procorecdi.health.ApiRoutes;

/**
 * A synchronous call finds its context in its thread's home slot (no thread-local, no atomic, no allocation): two
 * threads never share a context, a thread started after many ended ones still has a home, the context installed last is
 * the current one (carried, nested, asynchronous) and each end gives the one beneath back.
 */
class CallContextPoolTest {
    final ApiRoute route = ApiRoutes.of("GET", "/rest/v1.0/probe", false);

    @Test
    void twoThreadsInACallAtOnceNeverShareAContext() throws Exception {
        CountDownLatch bothIn = new CountDownLatch(2);
        List<CallContext> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String subject = "subject-" + t;
            Thread thread = new Thread(() -> {
                CallContext call = CallContextPool.enter();
                try {
                    call.begin(this, subject, "101", route, 1);
                    bothIn.countDown();
                    assertThat(bothIn.await(10, TimeUnit.SECONDS)).isTrue();
                    seen.add(CallContext.current());
                    assertThat(CallContext.current().subject).isEqualTo(subject);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    call.end();
                    CallContextPool.exit(call);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(20));
        }

        assertThat(failures).isEmpty();
        assertThat(seen).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aThreadStartedAfterManyEndedThreadsStillHasAHome() throws Exception {
        AtomicReference<CallContext> entered = new AtomicReference<>();
        for (int i = 0; i < 2 * CallContextPool.SLOTS + 1; i++) {
            Thread thread = new Thread(() -> {
                CallContext call = CallContextPool.enter();
                entered.set(call);
                CallContextPool.exit(call);
            });
            thread.start();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }

        assertThat(entered.get().home).as("the last thread's context is a home context (it found a slot)").isNotNull();
        assertThat(CallContextPool.homes()).isLessThanOrEqualTo(CallContextPool.SLOTS);
    }

    @Test
    void theContextInstalledLastIsTheCurrentOneAndEachEndGivesTheOneBeneathBack() {
        CallContext carried = new CallContext(); // an asynchronous call's, carried to this thread
        CallContext previous = CallContext.install(carried);
        try {
            CallContext call = CallContextPool.enter();
            assertThat(call).isNotSameAs(carried);
            assertThat(CallContext.current()).as("a synchronous call on a thread carrying an asynchronous call's context").isSameAs(call);

            CallContext inner = CallContextPool.enter();
            assertThat(inner).isNotSameAs(call);
            assertThat(CallContext.current()).as("a call during that call").isSameAs(inner);
            CallContext async = new CallContext();
            CallContext beneath = CallContext.install(async);
            assertThat(CallContext.current()).as("an asynchronous call sent during the inner call").isSameAs(async);
            CallContext.restore(beneath);
            assertThat(CallContext.current()).isSameAs(inner);
            CallContextPool.exit(inner);

            assertThat(CallContext.current()).as("the outer call, after the inner one").isSameAs(call);
            CallContext sent = CallContext.install(async);
            assertThat(CallContext.current()).as("an asynchronous call sent during the outer call").isSameAs(async);
            CallContext.restore(sent);
            assertThat(CallContext.current()).isSameAs(call);
            CallContextPool.exit(call);

            assertThat(CallContext.current()).as("the carried context, after the synchronous call").isSameAs(carried);
        } finally {
            CallContext.restore(previous);
        }
        assertThat(CallContext.current()).isNull();
    }

    @Test
    void enteringAndExitingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int n = 1_000_000;
        long sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up (JIT)
            sink += oneCall();
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < n; i++) {
            sink += oneCall();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;

        assertThat(sink).isPositive();
        assertThat(allocated).as("bytes allocated by %d calls' context handling", n).isLessThan(64 * 1024);
    }

    private long oneCall() {
        CallContext call = CallContextPool.enter();
        try {
            call.begin(this, "subject", "101", route, 1);
            return CallContext.current().nanos;
        } finally {
            call.end();
            CallContextPool.exit(call);
        }
    }
}
