package io.github.procorecdi.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.github.procorecdi.internal.Digests;

/**
 * A file cut into segments, with the SHA-256 of each segment and of the whole file, computed in one streaming pass
 * (a 64 KiB buffer, whatever the file's size).
 *
 * @param size     the file's size in bytes
 * @param sha256   hex SHA-256 of the whole file
 * @param segments the segments, in order
 */
record SegmentPlan(long size, String sha256, List<Segment> segments) {
    /**
     * @param offset where the segment starts in the file
     * @param size   its length in bytes
     * @param sha256 hex SHA-256 of its bytes
     */
    record Segment(long offset, long size, String sha256) {
    }

    static SegmentPlan of(Path file, int segmentSize) throws IOException {
        MessageDigest whole = Digests.sha256();
        List<Segment> segments = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                MessageDigest part = Digests.sha256();
                long partSize = 0;
                int n;
                while (partSize < segmentSize
                        && (n = in.read(buffer, 0, (int) Math.min(buffer.length, segmentSize - partSize))) >= 0) {
                    part.update(buffer, 0, n);
                    whole.update(buffer, 0, n);
                    partSize += n;
                }
                if (partSize == 0) {
                    break;
                }
                segments.add(new Segment(offset, partSize, HexFormat.of().formatHex(part.digest())));
                offset += partSize;
                if (partSize < segmentSize) {
                    break;
                }
            }
        }
        return new SegmentPlan(offset, HexFormat.of().formatHex(whole.digest()), List.copyOf(segments));
    }
}
