package io.github.procorecdi.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.github.procorecdi.AccessToken;
import io.github.procorecdi.ProcoreTokenException;
import io.github.procorecdi.TokenInfo;

class TokenResponsesTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void parsesProcoreTokenAnswer() {
        AccessToken t = TokenResponses.accessToken(200, """
                {"access_token":"AT-secret","token_type":"Bearer","expires_in":5400,"refresh_token":"RT-secret","created_at":1767225590}""",
                NOW);
        assertThat(t.value()).isEqualTo("AT-secret");
        assertThat(t.refreshToken()).isEqualTo("RT-secret");
        assertThat(t.expiresAt()).as("created 10 s before it arrived: Procore's reading is the earlier")
                .isEqualTo(Instant.ofEpochSecond(1767225590).plusSeconds(5400));
        assertThat(t.createdAt()).isEqualTo(Instant.ofEpochSecond(1767225590));
        assertThat(t.toString()).doesNotContain("AT-secret").doesNotContain("RT-secret");
    }

    @Test
    void clientCredentialsAnswerHasNoRefreshToken() {
        AccessToken t = TokenResponses.accessToken(200, "{\"access_token\":\"a\",\"token_type\":\"bearer\",\"expires_in\":\"5400\"}", NOW);
        assertThat(t.refreshToken()).isNull();
        assertThat(t.createdAt()).isEqualTo(NOW);
    }

    @Test
    void malformedAnswersAreRejectedWithoutEchoingSecrets() {
        assertThatThrownBy(() -> TokenResponses.accessToken(200, "<html>oops</html>", NOW))
                .isInstanceOf(ProcoreTokenException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> TokenResponses.accessToken(200, "{\"token_type\":\"bearer\",\"expires_in\":1}", NOW))
                .hasMessageContaining("no access_token");
        assertThatThrownBy(() -> TokenResponses.accessToken(200, "{\"access_token\":\"SECRET\",\"token_type\":\"mac\",\"expires_in\":1}", NOW))
                .hasMessageContaining("token_type 'mac'").hasMessageNotContaining("SECRET");
        assertThatThrownBy(() -> TokenResponses.accessToken(200, "{\"access_token\":\"SECRET\",\"token_type\":\"bearer\",\"expires_in\":-5}", NOW))
                .hasMessageContaining("expires_in");
        assertThatThrownBy(() -> TokenResponses.accessToken(200, "{\"access_token\":\"S\",\"token_type\":\"bearer\",\"expires_in\":\"soon\"}", NOW))
                .hasMessageContaining("expires_in");
    }

    @Test
    void omittedTokenTypeAndExpiresInTakeProcoresDocumentedValues() {
        AccessToken t = TokenResponses.accessToken(200, "{\"access_token\":\"a\"}", NOW);
        assertThat(t.tokenType()).isEqualTo("bearer");
        assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(5400));
    }

    @Test
    void parsesTokenInfo() {
        TokenInfo info = TokenResponses.tokenInfo(200, """
                {"resource_owner_id":42,"scope":[],"expires_in_seconds":100,"application":{"uid":"client"},"created_at":1767225500}""", NOW);
        assertThat(info.resourceOwnerId()).isEqualTo(42L);
        assertThat(info.applicationUid()).isEqualTo("client");
        assertThat(info.expiresAt()).isEqualTo(NOW.plusSeconds(100));
        assertThat(info.createdAt()).isEqualTo(Instant.ofEpochSecond(1767225500));
    }

    @Test
    void absurdLifetimesAndCreationTimesAreRefusedNamingTheField() {
        long now = NOW.getEpochSecond();
        for (String expires : new String[] {"99999999999999", "9223372036854775807", "31708800"}) {
            assertThatThrownBy(() -> TokenResponses.accessToken(200,
                    "{\"access_token\":\"SECRET\",\"token_type\":\"bearer\",\"expires_in\":" + expires + "}", NOW))
                    .isInstanceOf(io.github.procorecdi.ProcoreTokenException.class).hasMessageContaining("expires_in")
                    .hasMessageNotContaining("SECRET");
        }
        for (long created : new long[] {0, -1, now + 200_000, 99_999_999_999_999L}) {
            assertThatThrownBy(() -> TokenResponses.accessToken(200,
                    "{\"access_token\":\"SECRET\",\"token_type\":\"bearer\",\"expires_in\":5400,\"created_at\":" + created + "}", NOW))
                    .isInstanceOf(io.github.procorecdi.ProcoreTokenException.class).hasMessageContaining("created_at");
        }
        assertThat(TokenResponses.accessToken(200, "{\"access_token\":\"a\",\"expires_in\":5400,\"created_at\":" + (now - 300) + "}", NOW)
                .createdAt()).as("minutes of skew are fine").isEqualTo(java.time.Instant.ofEpochSecond(now - 300));
    }

    @Test
    void expiryIsTheEarlierOfProcoresClockAndOurs() {
        long procoreNow = NOW.getEpochSecond();
        Instant aheadBy60 = NOW.plusSeconds(60); // this node's clock runs a minute ahead
        AccessToken ahead = TokenResponses.accessToken(200,
                "{\"access_token\":\"a\",\"expires_in\":5400,\"created_at\":" + procoreNow + "}", aheadBy60);
        assertThat(ahead.expiresAt()).as("never later than Procore's own expiry").isEqualTo(NOW.plusSeconds(5400));
        Instant behindBy60 = NOW.minusSeconds(60);
        AccessToken behind = TokenResponses.accessToken(200,
                "{\"access_token\":\"a\",\"expires_in\":5400,\"created_at\":" + procoreNow + "}", behindBy60);
        assertThat(behind.expiresAt()).as("renewed early rather than late").isEqualTo(behindBy60.plusSeconds(5400));
    }
}
