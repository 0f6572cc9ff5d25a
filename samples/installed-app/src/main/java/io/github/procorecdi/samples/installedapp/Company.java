package io.github.procorecdi.samples.installedapp;

/** A Procore company (unknown fields are ignored). */
public record Company(long id, String name) {
}
