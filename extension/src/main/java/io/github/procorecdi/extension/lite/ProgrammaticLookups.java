package io.github.procorecdi.extension.lite;

import io.github.procorecdi.ProcoreSubjectResolver;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Declares, for a CDI Lite container that removes unused beans (Quarkus' ArC), the application beans procore-cdi looks
 * up programmatically at run time: ArC keeps every bean that an {@code Instance<T>} injection point could resolve, and
 * without this one it would remove an application's {@link ProcoreSubjectResolver} (nothing injects it), which procore-cdi
 * would then never find. Named, because ArC never removes a named bean: without the name this bean was removed and
 * the resolver with it (seen on Quarkus 3.33.2), so ArC does not count the injection points of a bean it removes. Never instantiated: its injection
 * point is all it is for. {@code @Named} token store beans need
 * nothing (ArC never removes a named bean); Agroal's data source beans are unremovable.
 *
 * <p>{@code @Singleton} is a bean-defining annotation for ArC, not for a CDI Full container scanning the extension's jar in
 * {@code annotated} mode, which therefore never sees this class.
 */
@Singleton
@Named("procore-cdi.programmatic-lookups")
public class ProgrammaticLookups {
    @Inject
    Instance<ProcoreSubjectResolver> subjectResolvers;
}
