package io.github.procorecdi.servers.app;

public record Me(long id, String login, String name) {
}
