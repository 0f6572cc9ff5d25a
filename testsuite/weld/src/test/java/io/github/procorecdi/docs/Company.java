package io.github.procorecdi.docs;

/** A company as the snippets of the documentation read it. */
public record Company(long id, String name) {
}
