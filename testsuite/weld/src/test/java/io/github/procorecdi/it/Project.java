package io.github.procorecdi.it;

public record Project(long id, String name) {
}
