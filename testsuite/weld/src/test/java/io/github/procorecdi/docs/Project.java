package io.github.procorecdi.docs;

/** A project as the snippets of the documentation read it. */
public record Project(long id, String name) {
}
