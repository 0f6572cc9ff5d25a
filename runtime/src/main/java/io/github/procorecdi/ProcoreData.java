package io.github.procorecdi;

/**
 * The envelope of every REST v2 answer, {@code {"data": ...}}. Declare it as the return type of an interface
 * method on a {@code /rest/v2.x/...} path to keep the envelope; declare the payload type itself
 * ({@code Project one(...)}, {@code List<Project> list(...)}) and the envelope is unwrapped for you.
 *
 * @param <T>  the payload type
 * @param data the payload: an object, or a list for collections
 */
public record ProcoreData<T>(T data) {
}
