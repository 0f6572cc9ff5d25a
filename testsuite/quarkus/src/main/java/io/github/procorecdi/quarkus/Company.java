package io.github.procorecdi.quarkus;

public record Company(long id, String name) {
}
