package io.github.procorecdi.it;

import org.jboss.weld.proxy.WeldClientProxy;

import io.github.procorecdi.ProcoreConnection;
import io.github.procorecdi.connection.ConnectionRuntime;
import io.github.procorecdi.connection.DefaultProcoreConnection;

/** Reaches the engine behind an injected connection, for white-box assertions. */
final class Internals {
    private Internals() {
    }

    static ConnectionRuntime runtime(ProcoreConnection connection) {
        Object instance = connection instanceof WeldClientProxy proxy ? proxy.getMetadata().getContextualInstance() : connection;
        return ((DefaultProcoreConnection) instance).runtime();
    }
}
