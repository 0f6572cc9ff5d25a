package io.github.procorecdi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.config.ConnectionConfig;
import io.github.procorecdi.internal.RuntimeThreads;
import io.github.procorecdi.telemetry.ConnectionMetrics;

/**
 * A client call leaves nothing behind on the calling thread (issue 22: pooled server threads kept an undeployed
 * application's class loader through procore-cdi's thread-local), whether it returns or throws; and no static cache of
 * procore-cdi keeps an application's client interface (so its class loader) reachable.
 */
class NothingOutlivesTheCallTest {
    final Clock clock = Clock.systemUTC();
    final RuntimeThreads threads = RuntimeThreads.of("calls");

    @AfterEach
    void closeThreads() {
        threads.close();
    }

    /** A handler over {@code delegate}, as {@link RestClients#build} makes one (no retries: a refused call throws at once). */
    ProcoreClientInvocationHandler handler(Object owner, Class<?> api, Object delegate) {
        ConnectionConfig config = ConnectionConfig.builder("calls").client("id", "secret").grantType(GrantType.CLIENT_CREDENTIALS).build();
        ClientServices shared = ClientServices.builder(config)
                .tokens(null, new Subjects("calls", GrantType.CLIENT_CREDENTIALS, () -> null, () -> false))
                .pacing(new RateLimitPacer("calls", clock, RateLimitPacer.MAX_WAIT, ConnectionMetrics.NONE),
                        new NotConnectedCompanies("calls", RateLimitPacer.MAX_WAIT, clock))
                .retries(new RetryPolicy(0, clock, RateLimitPacer.MAX_WAIT), RetryRules.CONFIGURED).metrics(ConnectionMetrics.NONE)
                .async(new AsyncCalls(threads)).build();
        return new ProcoreClientInvocationHandler(owner, api, delegate, new ClientScope(null, "101"), shared);
    }

    /** A stand-in for the REST client: answers {@code get}, refuses {@code refused} with a 404, and shows what the filters would see. */
    static Object delegate(Class<?> api, AtomicReference<CallContext> seen) {
        return answering(api, () -> seen.set(CallContext.current()));
    }

    /** A stand-in for the REST client that runs {@code during} inside each request, then answers as {@link #delegate} does. */
    static Object answering(Class<?> api, Probe during) {
        InvocationHandler answer = (proxy, method, args) -> {
            during.run();
            if (method.getName().equals("refused")) {
                throw new ProcoreApiException("not found", 404, "{}", Map.of());
            }
            return "ok";
        };
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, answer);
    }

    /** What a test looks at inside a request. */
    interface Probe {
        void run() throws Exception;
    }

    @Test
    void aCallThatReturnsLeavesNoThreadLocalValueOfProcoreCdi() throws Throwable {
        Object owner = new Object();
        AtomicReference<CallContext> seen = new AtomicReference<>();
        ProcoreClientInvocationHandler handler = handler(owner, PinProbeApi.class, delegate(PinProbeApi.class, seen));

        Object answer = handler.invoke(null, PinProbeApi.class.getMethod("get"), null);

        assertThat(answer).isEqualTo("ok");
        assertThat(seen.get()).as("the filters see the call's context during the call").isNotNull();
        assertThat(seen.get().owner).isNull(); // cleared once the call ended
        assertThat(CallContext.current()).isNull();
        assertThat(ThreadLocalValues.ofProcoreCdi(Thread.currentThread())).isEmpty();
    }

    @Test
    void duringASynchronousCallTheThreadHoldsNothingOfProcoreCdiEither() throws Throwable {
        Object owner = new Object();
        AtomicReference<List<Object>> duringTheCall = new AtomicReference<>();
        AtomicReference<Object> ownerSeen = new AtomicReference<>();
        ProcoreClientInvocationHandler handler = handler(owner, PinProbeApi.class, answering(PinProbeApi.class, () -> {
            ownerSeen.set(CallContext.current().owner);
            duringTheCall.set(ThreadLocalValues.ofProcoreCdi(Thread.currentThread()));
        }));

        assertThat(handler.invoke(null, PinProbeApi.class.getMethod("get"), null)).isEqualTo("ok");

        assertThat(ownerSeen.get()).as("the filters find the call's context").isSameAs(owner);
        assertThat(duringTheCall.get()).as("procore-cdi's thread-local values during a synchronous call").isEmpty();
        assertThat(ThreadLocalValues.ofProcoreCdi(Thread.currentThread())).isEmpty();
    }

    @Test
    void aCallThatThrowsLeavesNoThreadLocalValueOfProcoreCdi() throws Throwable {
        AtomicReference<CallContext> seen = new AtomicReference<>();
        ProcoreClientInvocationHandler handler = handler(new Object(), PinProbeApi.class, delegate(PinProbeApi.class, seen));

        assertThatThrownBy(() -> handler.invoke(null, PinProbeApi.class.getMethod("refused"), null))
                .isInstanceOf(ProcoreApiException.class);

        assertThat(seen.get()).isNotNull();
        assertThat(CallContext.current()).isNull();
        assertThat(ThreadLocalValues.ofProcoreCdi(Thread.currentThread())).isEmpty();
    }

    @Test
    void aCallMadeDuringACallGivesTheOuterCallItsContextBack() throws Throwable {
        Object outerOwner = new Object();
        AtomicReference<CallContext> innerSeen = new AtomicReference<>();
        ProcoreClientInvocationHandler inner = handler(new Object(), PinProbeApi.class, delegate(PinProbeApi.class, innerSeen));
        AtomicReference<Object> outerOwnerAfterInner = new AtomicReference<>();
        InvocationHandler callsInner = (proxy, method, args) -> {
            inner.invoke(null, PinProbeApi.class.getMethod("get"), null);
            outerOwnerAfterInner.set(CallContext.current().owner);
            return "outer";
        };
        ProcoreClientInvocationHandler outer = handler(outerOwner, PinProbeApi.class,
                Proxy.newProxyInstance(PinProbeApi.class.getClassLoader(), new Class<?>[] {PinProbeApi.class}, callsInner));

        assertThat(outer.invoke(null, PinProbeApi.class.getMethod("get"), null)).isEqualTo("outer");

        assertThat(outerOwnerAfterInner.get()).as("the outer call's context, back after the inner call").isSameAs(outerOwner);
        assertThat(CallContext.current()).isNull();
        assertThat(ThreadLocalValues.ofProcoreCdi(Thread.currentThread())).isEmpty();
    }

    @Test
    void aClientInterfaceOfAnotherClassLoaderIsNotKeptReachable() throws Throwable {
        WeakReference<ClassLoader> application = callThroughAnInterfaceOfItsOwnLoader();

        for (int i = 0; i < 50 && application.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(application.get()).as("the application's class loader, after its client and interface are gone").isNull();
    }

    /** Calls both methods of {@link PinProbeApi} loaded by a class loader of its own, then forgets everything. */
    private WeakReference<ClassLoader> callThroughAnInterfaceOfItsOwnLoader() throws Throwable {
        ClassLoader loader = new OwnCopy(PinProbeApi.class.getName(), getClass().getClassLoader());
        Class<?> api = loader.loadClass(PinProbeApi.class.getName());
        assertThat(api).isNotSameAs(PinProbeApi.class);
        ProcoreClientInvocationHandler handler = handler(new Object(), api, delegate(api, new AtomicReference<>()));
        assertThat(handler.invoke(null, api.getMethod("get"), null)).isEqualTo("ok");
        assertThatThrownBy(() -> handler.invoke(null, api.getMethod("refused"), null)).isInstanceOf(ProcoreApiException.class);
        return new WeakReference<>(loader);
    }

    /** Loads one class itself (from its parent's bytes), everything else from the parent: an application's loader in small. */
    static final class OwnCopy extends ClassLoader {
        private final String name;

        OwnCopy(String name, ClassLoader parent) {
            super(parent);
            this.name = name;
        }

        @Override
        protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
            if (!className.equals(name)) {
                return super.loadClass(className, resolve);
            }
            synchronized (getClassLoadingLock(className)) {
                Class<?> c = findLoadedClass(className);
                if (c == null) {
                    try (InputStream in = getParent().getResourceAsStream(className.replace('.', '/') + ".class")) {
                        byte[] bytes = in.readAllBytes();
                        c = defineClass(className, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(className, e);
                    }
                }
                return c;
            }
        }
    }
}
