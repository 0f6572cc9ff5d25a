package io.github.procorecdi.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiRoutesTest {
    @Test
    void templatesAreNormalized() {
        assertThat(ApiRoutes.normalize("/rest/v1.0//projects/")).isEqualTo("/rest/v1.0/projects");
        assertThat(ApiRoutes.normalize("/rest/v1.0/projects/{id: \\d+}")).isEqualTo("/rest/v1.0/projects/{id}");
        assertThat(ApiRoutes.normalize("rest/v1.0/x/{a:[0-9]{1,3}}/y")).isEqualTo("/rest/v1.0/x/{a}/y");
        assertThat(ApiRoutes.normalize("/rest/v1.0/me?x=1")).isEqualTo("/rest/v1.0/me");
        assertThat(ApiRoutes.normalize("")).isEqualTo("/");
    }

    @Test
    void oneRoutePerMethodTemplateAndDeprecation() {
        ApiRoute a = ApiRoutes.of("get", "/rest/v1.0/projects/", false);
        assertThat(ApiRoutes.of("GET", "/rest/v1.0/projects", false)).isSameAs(a);
        assertThat(ApiRoutes.of("GET", "/rest/v1.0/projects", true)).isNotSameAs(a);
        assertThat(a.method()).isEqualTo("GET");
        assertThat(ApiRoutes.byIndex(a.index())).isSameAs(a);
        assertThat(a.other().template()).isEqualTo(ApiRoute.OTHER);
        assertThat(ApiRoutes.of("GET", "/rest/v1.0/me", false).companyOptional()).isTrue();
        assertThat(ApiRoutes.of("GET", "/rest/v1.0/companies", false).companyOptional()).isTrue();
        assertThat(a.companyOptional()).isFalse();
    }
}
