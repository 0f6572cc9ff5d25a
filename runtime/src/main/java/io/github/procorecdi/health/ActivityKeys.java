package io.github.procorecdi.health;

/** The counter key of a call: its route's index, the response code and the call's marks, in one non-zero long. */
final class ActivityKeys {
    /** The call was sent without {@code Procore-Company-Id} to a route that needs it. */
    static final int MISSING_COMPANY = 1;
    /** The answer carried a {@code Deprecation} or {@code Sunset} header. */
    static final int DEPRECATION_HEADER = 2;

    private static final long PRESENT = 1L << 62;

    private ActivityKeys() {
    }

    static long key(ApiRoute route, int status, int marks) {
        return PRESENT | (long) route.index() << 20 | (long) (status & 0xFFFF) << 4 | (marks & 0xF);
    }

    static int routeIndex(long key) {
        return (int) ((key >>> 20) & 0xFFFFF);
    }

    static int status(long key) {
        return (int) ((key >>> 4) & 0xFFFF);
    }

    static int marks(long key) {
        return (int) (key & 0xF);
    }
}
