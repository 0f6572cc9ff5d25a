package io.github.procorecdi.servers.app;

/** A Procore project (ids are 64-bit). */
public record Project(long id, String name) {
}
