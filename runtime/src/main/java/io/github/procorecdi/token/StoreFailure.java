package io.github.procorecdi.token;

import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.internal.Throwables;

/** A failure of the token store itself (not of Procore), carried inside the engine until a caller is told. */
final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(RuntimeException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    ProcoreException unavailable(String connection) {
        return new ProcoreException("Procore connection '" + connection + "': the token store is unavailable: "
                + Throwables.rootMessage(getCause()), getCause());
    }
}
