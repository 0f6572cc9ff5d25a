package io.github.procorecdi.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.GrantType;
import io.github.procorecdi.ProcoreData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;

/** The @ProcoreClient contract on Quarkus: beans come from the build-compatible extension. */
@QuarkusTest
@QuarkusTestResource(SimulatorResource.class)
class ProcoreClientTest {
    @Inject
    ProcoreUses uses;

    @Test
    void clientCredentialsThroughAnInjectedInterface() {
        List<Company> companies = uses.companies().list();
        assertThat(companies).extracting(Company::id).contains(101L);
        assertThat(uses.companies().me().login()).isNotBlank();
    }

    @Test
    void connectionWithForCompanyAndForSubject() {
        assertThat(uses.x().name()).isEqualTo("x");
        assertThat(uses.x().grantType()).isEqualTo(GrantType.CLIENT_CREDENTIALS);
        assertThat(uses.x().accessToken().value()).isNotBlank();
        CompaniesApi for101 = uses.x().forCompany(101).client(CompaniesApi.class);
        assertThat(for101.list()).extracting(Company::id).contains(101L);
        assertThat(uses.x().forSubject("job-1").forCompany(101).client(CompaniesApi.class).me().login()).isNotBlank();
    }

    @Test
    void restV2EnvelopesAreUnwrapped() {
        ProjectsV2Api v2 = uses.x().forCompany(202).client(ProjectsV2Api.class);
        List<ProjectsV2Api.ProjectV2> first = v2.list(202);
        assertThat(first).hasSize(10);
        assertThat(first.get(0).id()).isEqualTo("20001");
        assertThat(v2.one(202, "20001").name()).isEqualTo("Tower Block 001");
        ProcoreData<ProjectsV2Api.ProjectV2> envelope = v2.envelope(202, "20002");
        assertThat(envelope.data().name()).isEqualTo("Tower Block 002");
    }

    @Test
    void completionStageMethods() throws Exception {
        assertThat(uses.companies().meLater().toCompletableFuture().get(30, TimeUnit.SECONDS).login()).isNotBlank();
        assertThat(uses.x().forCompany(101).client(CompaniesApi.class).meLater().toCompletableFuture().get(30, TimeUnit.SECONDS)
                .login()).isNotBlank();
    }

    @Test
    void readinessCheckPerConnection() {
        String body = RestAssured.get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(body).contains("procore-cdi:default", "procore-cdi:x", "procore-cdi:stored");
    }

    @Test
    void jdbcTokenStoreOnPostgres() {
        assertThat(uses.stored().list()).extracting(Company::id).contains(101L);
        assertThat(uses.storedConnection().accessToken().value()).isNotBlank();
    }
}
