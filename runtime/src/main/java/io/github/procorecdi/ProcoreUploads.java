package io.github.procorecdi;

import java.nio.file.Path;

/**
 * Procore's unified file upload flow, for one connection ({@link ProcoreConnection#uploads()}):
 * <ol>
 * <li>{@code POST .../uploads} with the file's name, size, content type and SHA-256, and the size and SHA-256 of
 * each segment (at most 100 MiB each; {@code procore.<name>.uploads.segment-size});</li>
 * <li>each segment {@code PUT} to its presigned URL with exactly the headers Procore returned, and never the access
 * token or any other header of this library; a failed PUT (5xx, I/O) is sent again, up to {@code max-retries};</li>
 * <li>{@code PATCH .../uploads/{upload_id}} with the ETags in segment order;</li>
 * <li>{@code GET .../uploads/{upload_id}} with backoff until the status is {@code available}, at most
 * {@code procore.<name>.uploads.timeout}.</li>
 * </ol>
 * The API calls go through the connection as usual (its token and subject, retries, rate-limit pacing), with the
 * target's company as {@code Procore-Company-Id}. The file is streamed from disk: memory use does not grow with its
 * size. A failure names the upload id and the step that failed: a {@link ProcoreApiException} for an HTTP answer of
 * the API or of the storage host, a {@link ProcoreException} otherwise.
 */
public interface ProcoreUploads {
    /**
     * Uploads {@code file}, its content type probed from the file name (else {@code application/octet-stream}).
     *
     * @return the upload, {@code available}
     */
    ProcoreUpload upload(UploadTarget target, Path file);

    /**
     * Uploads {@code file}.
     *
     * @param contentType the content type to declare, or {@code null} to probe it
     * @param progress    told after each confirmed segment, or {@code null}
     * @return the upload, {@code available}
     */
    ProcoreUpload upload(UploadTarget target, Path file, String contentType, UploadProgress progress);
}
