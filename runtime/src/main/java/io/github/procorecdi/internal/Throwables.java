package io.github.procorecdi.internal;

/** Walking a failure's cause chain: what the token endpoint and the API clients both need. */
public final class Throwables {
    private Throwables() {
    }

    /** @return whether {@code e} or one of its causes is a {@code type} */
    public static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** @return the innermost cause as {@code SimpleName: message}, for messages (never carries a secret we put there) */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
