package io.github.procorecdi.files;

import io.github.procorecdi.ProcoreApiException;
import io.github.procorecdi.ProcoreAppNotConnectedException;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreException;
import io.github.procorecdi.ProcoreRateLimitException;
import io.github.procorecdi.ProcoreTokenException;

/**
 * Naming the upload step a failure happened in while keeping the failure's type and fields. The same rule as the API
 * package's {@code FailureContext} (for {@code ProcoreSync}), which cannot be shared: the API package imports nothing
 * above it, and its helpers are not public.
 */
final class StepFailures {
    private StepFailures() {
    }

    /**
     * The same failure with {@code context} (the step that failed) in front of its message, of the same type with the same
     * fields, so that {@code catch (ProcoreRateLimitException e)} and the like still work: a copy for the API's own
     * exception types ({@link ProcoreApiException} and its subclasses keep status, body, headers, {@code resetAt},
     * {@code companyId}; {@link ProcoreTokenException} its status and error), the original as its cause. A type that has
     * no such copy ({@link ProcoreAuthorizationRequiredException}, whose message is built from its fields, or an
     * application's subclass) is returned itself, with the context as a suppressed exception.
     */
    static ProcoreException withContext(String context, ProcoreException e) {
        ProcoreException named;
        Class<?> type = e.getClass();
        String message = context + e.getMessage();
        if (type == ProcoreRateLimitException.class) {
            ProcoreRateLimitException r = (ProcoreRateLimitException) e;
            named = new ProcoreRateLimitException(message, r.status(), r.body(), r.headers(), r.resetAt());
        } else if (type == ProcoreAppNotConnectedException.class) {
            ProcoreAppNotConnectedException n = (ProcoreAppNotConnectedException) e;
            named = new ProcoreAppNotConnectedException(message, n.status(), n.body(), n.headers(), n.companyId());
        } else if (type == ProcoreApiException.class) {
            ProcoreApiException api = (ProcoreApiException) e;
            named = new ProcoreApiException(message, api.status(), api.body(), api.headers());
        } else if (type == ProcoreTokenException.class) {
            ProcoreTokenException t = (ProcoreTokenException) e;
            return new ProcoreTokenException(message, t.status(), t.error(), t.errorDescription(), e);
        } else if (type == ProcoreException.class) {
            return new ProcoreException(message, e);
        } else {
            e.addSuppressed(new Context(context));
            return e;
        }
        named.initCause(e);
        return named;
    }

    /** The step a failure happened in, attached to a failure whose type has no copy with a longer message. */
    static final class Context extends ProcoreException {
        private static final long serialVersionUID = 1L;

        Context(String context) {
            super(context.endsWith(": ") ? context.substring(0, context.length() - 2) : context);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the failure it is attached to has the stack
        }
    }
}
