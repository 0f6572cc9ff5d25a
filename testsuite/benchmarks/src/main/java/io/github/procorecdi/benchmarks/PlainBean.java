package io.github.procorecdi.benchmarks;

import jakarta.enterprise.context.Dependent;

/** The one bean every boot-time variant has (Weld SE refuses to boot without a bean). */
@Dependent
public class PlainBean {
}
