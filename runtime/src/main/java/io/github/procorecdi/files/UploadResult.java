package io.github.procorecdi.files;

import io.github.procorecdi.ProcoreUpload;

/** A finished upload, as {@link UnifiedUploads} returns it. */
record UploadResult(String uploadId, String fileName, long fileSize, String contentType, String status) implements ProcoreUpload {
}
