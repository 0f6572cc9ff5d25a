package io.github.procorecdi.config;

import java.time.Duration;

/**
 * Settings of the unified upload flow.
 *
 * @param segmentSize bytes per segment, at most {@link #MAX_SEGMENT_SIZE}
 * @param timeout     how long to wait for Procore to report an upload {@code available} once its segments are sent
 */
public record UploadConfig(int segmentSize, Duration timeout) {
    /** Procore's limit per segment: 100 MiB. */
    public static final int MAX_SEGMENT_SIZE = 104_857_600;
    /** The smallest segment size accepted (tests use small ones). */
    public static final int MIN_SEGMENT_SIZE = 1_024;

    public UploadConfig {
        if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
            throw new IllegalArgumentException("segment size must be between " + MIN_SEGMENT_SIZE + " and " + MAX_SEGMENT_SIZE + " bytes");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("upload timeout must be positive");
        }
    }

    /** @return 100 MiB segments, 10 minutes to become available */
    public static UploadConfig defaults() {
        return new UploadConfig(MAX_SEGMENT_SIZE, Duration.ofMinutes(10));
    }
}
