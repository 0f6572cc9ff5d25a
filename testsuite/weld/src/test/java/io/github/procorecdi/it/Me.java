package io.github.procorecdi.it;

public record Me(long id, String login, String name) {
}
