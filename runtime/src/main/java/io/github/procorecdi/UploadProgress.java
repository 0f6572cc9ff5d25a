package io.github.procorecdi;

/** Told how much of an upload Procore's storage has confirmed, after each segment. */
@FunctionalInterface
public interface UploadProgress {
    /** Does nothing. */
    UploadProgress NONE = (bytes, totalBytes) -> { };

    /**
     * @param bytes      bytes confirmed so far (whole segments whose PUT answered with an ETag)
     * @param totalBytes the file's size
     */
    void sent(long bytes, long totalBytes);
}
