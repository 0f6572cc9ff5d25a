/**
 * procore-cdi's public API: what applications use and what DESIGN.md's "Public contract" fixes. Inject a REST client with
 * {@link io.github.procorecdi.ProcoreClient @ProcoreClient} and a {@link io.github.procorecdi.ProcoreConnection} per
 * connection; {@link io.github.procorecdi.ProcoreConnections} opens the same connections in Java SE without CDI;
 * {@link io.github.procorecdi.TokenStore} and {@link io.github.procorecdi.ProcoreSubjectResolver} are what applications may
 * implement; the exceptions ({@link io.github.procorecdi.ProcoreException} and its subclasses) are unchecked.
 * <p>
 * The sub-packages are the implementation and may change in any release. This package uses none of them but
 * {@code internal}; {@link io.github.procorecdi.ProcoreConnections.Implementation} is how it reaches the runtime.
 */
package io.github.procorecdi;
