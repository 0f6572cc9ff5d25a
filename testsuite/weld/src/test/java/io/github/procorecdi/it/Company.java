package io.github.procorecdi.it;

public record Company(long id, String name) {
}
