package io.github.procorecdi.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.transaction.Status;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Issue 20 item 1, the mechanism: store work never runs in the caller's JTA transaction. With a transaction manager the
 * caller's transaction is suspended around the work and resumed after it, failure or not; with only the standard
 * registry, work called inside a transaction runs on a store thread. (The servers' own transaction managers are tried in
 * testsuite/servers, ServerContractTests.)
 */
class CallerTransactionsTest {
    /** A transaction manager whose thread has a transaction until it is suspended; records what happens. */
    static final class FakeManager {
        final List<String> events = new ArrayList<>();
        final Transaction callers = (Transaction) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Transaction.class},
                (p, m, a) -> m.getName().equals("toString") ? "caller's" : null);
        Transaction associated = callers;
        final TransactionManager manager = (TransactionManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TransactionManager.class}, (p, m, a) -> switch (m.getName()) {
                    case "getStatus" -> associated == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
                    case "suspend" -> {
                        events.add("suspend");
                        Transaction t = associated;
                        associated = null;
                        yield t;
                    }
                    case "resume" -> {
                        events.add("resume " + a[0]);
                        associated = (Transaction) a[0];
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    @Test
    void theCallersTransactionIsSuspendedAroundStoreWorkAndResumedAfterIt() throws Exception {
        FakeManager tm = new FakeManager();
        CallerTransactions outside = new JtaCallerTransactions.Suspending(tm.manager, "test");
        String seen = outside.outside(() -> {
            tm.events.add("work");
            return tm.associated == null ? "no transaction" : "caller's transaction";
        });
        assertThat(seen).isEqualTo("no transaction");
        assertThat(tm.events).containsExactly("suspend", "work", "resume caller's");

        tm.events.clear();
        assertThatThrownBy(() -> outside.outside(() -> {
            throw new SQLException("down");
        })).hasMessage("down");
        assertThat(tm.events).as("resumed after a failure too").containsExactly("suspend", "resume caller's");
        assertThat(tm.associated).isSameAs(tm.callers);
    }

    @Test
    void withoutATransactionNothingIsSuspended() throws Exception {
        FakeManager tm = new FakeManager();
        tm.associated = null;
        assertThat(new JtaCallerTransactions.Suspending(tm.manager, "test").outside(() -> "done")).isEqualTo("done");
        assertThat(tm.events).isEmpty();
    }

    @Test
    void withOnlyTheRegistryWorkInsideATransactionRunsOnAStoreThread() throws Exception {
        int[] status = {Status.STATUS_ACTIVE};
        TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (p, m, a) -> m.getName().equals("getTransactionStatus") ? status[0] : null);
        CallerTransactions outside = new JtaCallerTransactions.OwnThread(registry);
        Thread caller = Thread.currentThread();
        try {
            assertThat(outside.outside(() -> Thread.currentThread() != caller)).as("inside a transaction: another thread").isTrue();
            assertThatThrownBy(() -> outside.outside(() -> {
                throw new SQLException("down");
            })).isInstanceOf(SQLException.class).hasMessage("down");
            status[0] = Status.STATUS_NO_TRANSACTION;
            assertThat(outside.outside(() -> Thread.currentThread() == caller)).as("no transaction: the caller's thread").isTrue();
        } finally {
            outside.close();
        }
    }

    /**
     * The store threads belong to the store's connections: closing them (the connection's runtime closes them when its
     * application stops) ends the threads at once, and work inside a transaction afterwards is refused, not given a new
     * thread. (They were a pool of their own that no close reached: its threads lived on for their idle time.)
     */
    @Test
    void closingTheStoresConnectionsEndsItsStoreThreads() throws Exception {
        TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (p, m, a) -> m.getName().equals("getTransactionStatus") ? Status.STATUS_ACTIVE : null);
        JtaCallerTransactions.OwnThread outside = new JtaCallerTransactions.OwnThread(registry);
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:store-threads");
        JdbcConnections connections = JdbcConnections.of(h2, outside);
        List<Thread> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 3; i++) {
            boolean answered = connections.inTransaction(c -> {
                ran.add(Thread.currentThread());
                return c.createStatement().executeQuery("select 1").next();
            });
            assertThat(answered).isTrue();
        }
        assertThat(ran).allSatisfy(t -> assertThat(t.getName()).startsWith("procore-cdi-store-"));

        connections.close();

        assertThat(ran.stream().filter(Thread::isAlive).map(Thread::getName).distinct().toList())
                .as("store threads alive after their connections closed").isEmpty();
        assertThat(outside.liveThreads()).isZero();
        assertThatThrownBy(() -> connections.inTransaction(c -> true)).isInstanceOf(SQLException.class)
                .hasMessageContaining("the token store is closed");
    }

    /**
     * The same through a connection: the runtime gets the store's connections from the container (resolved at deployment),
     * its store works on a store thread when called inside a transaction, and closing the connection (what the extension
     * does when the application stops) ends that thread.
     */
    @Test
    void closingTheConnectionEndsTheStoreThreadsOfItsJdbcStore() throws Exception {
        TransactionSynchronizationRegistry registry = (TransactionSynchronizationRegistry) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {TransactionSynchronizationRegistry.class},
                (p, m, a) -> m.getName().equals("getTransactionStatus") ? Status.STATUS_ACTIVE : null);
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:connection-store-threads;DB_CLOSE_DELAY=-1");
        JdbcConnections resolvedAtDeployment = JdbcConnections.of(h2, new JtaCallerTransactions.OwnThread(registry));
        io.github.procorecdi.config.TokenStoreConfig jdbc = new io.github.procorecdi.config.TokenStoreConfig("jdbc", null,
                io.github.procorecdi.config.TokenStoreConfig.DEFAULT_DATASOURCE, null, null, null, "procore_tokens", true, null, List.of());
        java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:9");
        io.github.procorecdi.config.ConnectionConfig config = io.github.procorecdi.config.ConnectionConfig.builder("stored")
                .client("id", "secret").grantType(io.github.procorecdi.GrantType.CLIENT_CREDENTIALS).companyId("1")
                .urls(nowhere, nowhere).userAgent("test").tokenStore(jdbc).build();
        io.github.procorecdi.connection.ContainerServices container = new io.github.procorecdi.connection.ContainerServices() {
            @Override
            public JdbcConnections jdbcConnections(io.github.procorecdi.config.TokenStoreConfig store) {
                return resolvedAtDeployment;
            }
        };
        io.github.procorecdi.connection.ConnectionRuntime runtime = new io.github.procorecdi.connection.ConnectionRuntime(config,
                container, java.time.Clock.systemUTC());
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<Thread> storeThreads;
        try {
            assertThat(runtime.store().load("stored", "service")).isEmpty(); // creates the table, reads: inside the "transaction"
            storeThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("procore-cdi-store-") && !before.contains(t)).toList();
            assertThat(storeThreads).as("the store worked on a store thread").isNotEmpty();
        } finally {
            runtime.close();
        }
        assertThat(storeThreads.stream().filter(Thread::isAlive).map(Thread::getName).toList())
                .as("store threads alive after the connection closed").isEmpty();
    }

    @Test
    void javaSeWithoutJndiHasNothingToStepOutOf() {
        assertThat(CallerTransactions.find()).isSameAs(CallerTransactions.NONE);
        assertThat(JdbcConnections.of("jdbc:h2:mem:x", "sa", "").toString()).doesNotContain("JTA");
    }
}
