package io.github.procorecdi.extension;

import jakarta.enterprise.context.Dependent;

/**
 * The one bean-defining class of the extension's jar, so that servers that make an annotated-mode archive a bean archive
 * only where it has such a class (WildFly 39) still make one of it: the beans the extension adds (readiness checks) are
 * then visible to the server's own CDI extensions (WildFly's health subsystem). Nothing injects it.
 */
@Dependent
final class BeanArchiveMarker {
    BeanArchiveMarker() {
    }
}
