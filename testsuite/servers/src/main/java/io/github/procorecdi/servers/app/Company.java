package io.github.procorecdi.servers.app;

public record Company(long id, String name) {
}
