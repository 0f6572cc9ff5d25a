/**
 * The top floor: everything one connection owns at run time ({@code ConnectionRuntime}), the {@code ProcoreConnection}
 * handed to applications, the application's connections ({@code ConnectionRegistry}), the readiness probe, store keys,
 * and the Java SE implementation behind {@code ProcoreConnections}. Uses every package below it. Not API.
 */
package io.github.procorecdi.connection;
