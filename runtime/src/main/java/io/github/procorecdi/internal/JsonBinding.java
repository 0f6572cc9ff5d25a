package io.github.procorecdi.internal;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

/** One JSON-B instance (thread-safe) for what procore-cdi binds itself: the payload inside REST v2 envelopes. */
public final class JsonBinding {
    private JsonBinding() {
    }

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /** @return the shared JSON-B, created at first use */
    public static Jsonb jsonb() {
        return Holder.JSONB;
    }
}
