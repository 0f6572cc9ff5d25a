package io.github.procorecdi.token;

/** How a grant renews a subject's token, inside the subject's single flight. */
interface Renewal {
    /**
     * @param slot     the subject's slot (its flight is held)
     * @param now      the token in memory, or {@code null}
     * @param rejected the access token Procore answered 401 to, or {@code null}
     * @return the token to use (the caller caches it in the slot)
     */
    CachedToken renew(Slot slot, CachedToken now, String rejected);
}
