package io.github.procorecdi;

/**
 * A finished upload: its bytes are stored at Procore and it can be attached to a Document Management resource
 * (within 24 hours, or Procore deletes it).
 */
public interface ProcoreUpload {
    /** @return Procore's {@code upload_id} */
    String uploadId();

    /** @return the file name sent */
    String fileName();

    /** @return the size in bytes */
    long fileSize();

    /** @return the content type sent */
    String contentType();

    /** @return the status Procore last reported: {@code available} for an upload returned by {@link ProcoreUploads} */
    String status();
}
