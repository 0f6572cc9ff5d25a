package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreAuthorizationRequiredException;
import io.github.procorecdi.ProcoreClient;
import io.github.procorecdi.ProcoreConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * An application {@link io.github.procorecdi.ProcoreSubjectResolver} bean on Quarkus: nothing injects it, and procore-cdi
 * finds it and asks it whose tokens a call uses.
 */
@QuarkusTest
@TestProfile(SubjectResolverTest.WithResolver.class)
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(FeatureConnectionsResource.class)
class SubjectResolverTest {
    /** The application with {@link ChosenSubjectResolver} enabled. */
    public static class WithResolver implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ChosenSubjectResolver.class);
        }

    }

    @Inject
    @ProcoreClient("installed")
    ProcoreConnection installed;

    @Test
    void theApplicationsResolverDecidesWhoseTokensACallUses() throws Exception {
        // chosen through a system property, not by injecting the resolver: an injection point would keep the bean for
        // ArC, which is what must not be needed
        System.setProperty(ChosenSubjectResolver.PROPERTY, "carol-" + System.nanoTime());
        String code = new Browser().approveOutOfBand(installed.authorizationUri("s").toString(), "grace@example.com");
        AccessToken carols = installed.exchangeCode(code);
        assertThat(installed.accessToken().value()).as("the resolver's subject holds the token").isEqualTo(carols.value());

        System.setProperty(ChosenSubjectResolver.PROPERTY, "dave-" + System.nanoTime());
        assertThatThrownBy(installed::accessToken).as("another subject has none")
                .isInstanceOf(ProcoreAuthorizationRequiredException.class);
    }
}
