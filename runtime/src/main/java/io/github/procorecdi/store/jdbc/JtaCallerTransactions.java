package io.github.procorecdi.store.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.internal.RuntimeThreads;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Store work outside the caller's JTA transaction, the way the server allows: where it exposes its
 * {@link TransactionManager} (WildFly {@code java:jboss/TransactionManager}, Payara/GlassFish {@code java:appserver/...},
 * TomEE {@code java:comp/...}, Open Liberty through {@code com.ibm.tx.jta.TransactionManagerFactory}, Quarkus as a CDI
 * bean), the caller's
 * transaction is suspended around the work and resumed after it, as {@code REQUIRES_NEW} would; where only the standard
 * {@code java:comp/TransactionSynchronizationRegistry} is there, work called inside a transaction runs on a store thread,
 * which no transaction is associated with, while the caller waits: those threads belong to the store's
 * {@link JdbcConnections} and end when it is closed. Loaded only where the JTA API is visible.
 */
final class JtaCallerTransactions {
    /** The API class whose visibility switches this on. */
    static final String API = "jakarta.transaction.TransactionManager";
    /** Where servers bind their transaction manager, in the order tried. */
    static final List<String> MANAGER_NAMES = List.of("java:comp/TransactionManager", "java:jboss/TransactionManager",
            "java:/TransactionManager", "java:appserver/TransactionManager");
    static final String REGISTRY_NAME = "java:comp/TransactionSynchronizationRegistry";
    /** Open Liberty's own factory of its transaction manager (what Hibernate's Liberty platform uses). */
    static final String LIBERTY_FACTORY = "com.ibm.tx.jta.TransactionManagerFactory";
    /** Where the manager came from when it is the CDI container's bean (for the log line). */
    static final String MANAGER_BEAN = "the CDI container's TransactionManager bean";

    private JtaCallerTransactions() {
    }

    /**
     * @param managerBean the container's {@code TransactionManager} bean as the extension found it (Quarkus), tried after
     *                    JNDI and Open Liberty's factory; {@code null} where there is none
     */
    static CallerTransactions find(Object managerBean) {
        for (String name : MANAGER_NAMES) {
            TransactionManager m = lookup(name, TransactionManager.class);
            if (m != null) {
                return new Suspending(m, name);
            }
        }
        TransactionManager liberty = libertyManager();
        if (liberty != null) {
            return new Suspending(liberty, LIBERTY_FACTORY);
        }
        if (managerBean instanceof TransactionManager bean) {
            return new Suspending(bean, MANAGER_BEAN);
        }
        TransactionSynchronizationRegistry registry = lookup(REGISTRY_NAME, TransactionSynchronizationRegistry.class);
        if (registry != null) {
            return new OwnThread(registry);
        }
        return CallerTransactions.NONE;
    }

    private static TransactionManager libertyManager() {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> factory = Class.forName(LIBERTY_FACTORY, true, tccl != null ? tccl : JtaCallerTransactions.class.getClassLoader());
            Object m = factory.getMethod("getTransactionManager").invoke(null);
            return m instanceof TransactionManager tm ? tm : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            Object found = new InitialContext().lookup(name);
            return type.isInstance(found) ? type.cast(found) : null;
        } catch (NamingException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Suspends the caller's transaction around store work. */
    static final class Suspending implements CallerTransactions {
        private final TransactionManager manager;
        private final String source;

        /** @param source where the manager was found (for the deployment's log line) */
        Suspending(TransactionManager manager, String source) {
            this.manager = manager;
            this.source = source;
        }

        @Override
        public <T> T outside(Action<T> action) throws SQLException {
            Transaction caller;
            try {
                caller = manager.getStatus() == Status.STATUS_NO_TRANSACTION ? null : manager.suspend();
            } catch (SystemException e) {
                throw new SQLException("procore-cdi could not suspend the caller's transaction around token store work: " + e, e);
            }
            if (caller == null) {
                return action.run();
            }
            try {
                return action.run();
            } finally {
                try {
                    manager.resume(caller);
                } catch (Exception e) {
                    throw new ProcoreException("procore-cdi could not resume the caller's transaction after token store work: " + e, e);
                }
            }
        }

        @Override
        public String toString() {
            return "suspends the caller's JTA transaction (" + source + ")";
        }
    }

    /**
     * Runs store work called inside a transaction on a store thread, which has none. The threads ({@code procore-cdi-store-N},
     * at most {@link #THREADS}, started at the first such call, ending a minute after their last task) are this instance's:
     * {@link #close()} stops them, and work inside a transaction after that is refused.
     */
    static final class OwnThread implements CallerTransactions {
        /** The most store threads at once. */
        static final int THREADS = 4;
        private final TransactionSynchronizationRegistry registry;
        private final RuntimeThreads owned = RuntimeThreads.unattached();
        private final ExecutorService threads = owned.boundedPool("store", THREADS, Integer.MAX_VALUE);

        OwnThread(TransactionSynchronizationRegistry registry) {
            this.registry = registry;
        }

        /** Stops the store threads (a task still running is interrupted) and waits, boundedly, for them to end. */
        @Override
        public void close() {
            owned.close();
        }

        /** @return how many store threads are alive (tests) */
        int liveThreads() {
            return owned.liveThreads();
        }

        @Override
        public <T> T outside(Action<T> action) throws SQLException {
            if (registry.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
                return action.run();
            }
            ClassLoader tccl = Thread.currentThread().getContextClassLoader();
            Future<T> result;
            try {
                result = threads.submit(() -> {
                    Thread.currentThread().setContextClassLoader(tccl);
                    try {
                        return action.run();
                    } finally {
                        Thread.currentThread().setContextClassLoader(null);
                    }
                });
            } catch (RejectedExecutionException e) {
                throw new SQLException("the token store is closed (its application stopped): no store thread to work outside the "
                        + "caller's transaction", e);
            }
            try {
                return result.get();
            } catch (InterruptedException e) {
                result.cancel(true);
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while the token store worked outside the caller's transaction", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof SQLException s) {
                    throw s;
                }
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new SQLException(cause);
            }
        }

        @Override
        public String toString() {
            return "runs on its own threads inside a caller's JTA transaction";
        }
    }
}
