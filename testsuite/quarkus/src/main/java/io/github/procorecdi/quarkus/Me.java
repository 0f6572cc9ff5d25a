package io.github.procorecdi.quarkus;

public record Me(long id, String login, String name) {
}
