package io.github.procorecdi.docs;

import io.github.procorecdi.ProcoreSubjectResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** docs/guide-web-apps.md: the subject from the application's own tenant. */
@ApplicationScoped
public class TenantSubjects implements ProcoreSubjectResolver {
    @Inject TenantContext tenant;
    public String resolve(String connection) { return tenant.id(); }

    /** The application's idea of the current tenant. */
    public interface TenantContext {
        String id();
    }
}
