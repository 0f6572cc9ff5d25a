package io.github.procorecdi.store.jdbc;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How the jdbc store's work steps out of the caller's transaction. Inside a JTA transaction (a {@code @Transactional}
 * bean, an EJB method) a server's data source hands out the caller's enlisted connection, whose {@code commit()} the
 * server refuses (WildFly IJ031021, Liberty DSRA9350E), and whose writes would be undone with the caller's rollback:
 * the store must commit its own work, whoever calls. {@link #find()} looks, once and on an application thread, for what
 * the server offers ({@link JtaCallerTransactions}); in Java SE, and where the JTA API is absent, there is nothing to
 * step out of.
 */
interface CallerTransactions {
    /** Work that needs no transaction of the caller around it. */
    interface Action<T> {
        T run() throws SQLException;
    }

    /** Nothing to step out of (Java SE, a JDBC URL, no JTA). */
    CallerTransactions NONE = new CallerTransactions() {
        @Override
        public <T> T outside(Action<T> action) throws SQLException {
            return action.run();
        }

        @Override
        public String toString() {
            return "no JTA";
        }
    };

    /** @return the result of {@code action}, run with no transaction of the caller associated */
    <T> T outside(Action<T> action) throws SQLException;

    /** Stops the threads this holds, if any (the jdbc store closes: its application stops). */
    default void close() {
    }

    /**
     * Looks up the server's transaction manager or registry (JNDI names of {@code java:comp} need an application thread:
     * call it at deployment); {@link #NONE} where the JTA API is not visible.
     */
    static CallerTransactions find() {
        return find(null);
    }

    /**
     * As {@link #find()}, also trying the container's {@code TransactionManager} bean where JNDI has none.
     *
     * @param managerBean the bean, as the extension found it through the container (the runtime does not look into the
     *                    container itself), or {@code null}
     */
    static CallerTransactions find(Object managerBean) {
        try {
            Class.forName(JtaCallerTransactions.API, false, CallerTransactions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return NONE;
        }
        try {
            return JtaCallerTransactions.find(managerBean);
        } catch (RuntimeException | LinkageError e) {
            Logger.getLogger(CallerTransactions.class.getName()).log(Level.FINE, "procore-cdi: JTA lookup failed: " + e);
            return NONE;
        }
    }
}
