package io.github.procorecdi.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** In-memory webhook dedupe: claims, acceptance, release, the window and the size cap. */
class MemoryDeliveriesTest {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T00:00:00Z"));
    final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aClaimedKeyIsInProgressUntilAcceptedOrReleased() {
        MemoryDeliveries d = new MemoryDeliveries(clock, 100);
        assertThat(d.claim("a")).isEqualTo(Deliveries.Claim.CLAIMED);
        assertThat(d.claim("a")).isEqualTo(Deliveries.Claim.IN_PROGRESS);
        d.release("a");
        assertThat(d.claim("a")).as("a failed delivery is handled again").isEqualTo(Deliveries.Claim.CLAIMED);
        d.accepted("a");
        assertThat(d.claim("a")).isEqualTo(Deliveries.Claim.ACCEPTED);
    }

    @Test
    void aLapsedClaimIsTakenOverAndAnAcceptedKeyIsForgottenAfterTheWindow() {
        MemoryDeliveries d = new MemoryDeliveries(clock, 100);
        d.claim("killed");
        now.set(now.get().plus(Deliveries.CLAIM_LEASE).plusMillis(1));
        assertThat(d.claim("killed")).isEqualTo(Deliveries.Claim.CLAIMED);
        d.accepted("killed");
        now.set(now.get().plus(Deliveries.WINDOW).minusSeconds(1));
        assertThat(d.claim("killed")).isEqualTo(Deliveries.Claim.ACCEPTED);
        now.set(now.get().plus(Duration.ofSeconds(2)));
        assertThat(d.claim("killed")).isEqualTo(Deliveries.Claim.CLAIMED);
    }

    @Test
    void memoryIsBoundedByTheCapWhateverTheSender() {
        MemoryDeliveries d = new MemoryDeliveries(clock, 1_000);
        for (int i = 0; i < 50_000; i++) {
            String key = "k" + i;
            d.claim(key);
            d.accepted(key);
        }
        assertThat(d.size()).isLessThanOrEqualTo(1_001);
        assertThat(d.claim("k49999")).as("the newest are kept").isEqualTo(Deliveries.Claim.ACCEPTED);
        assertThat(d.claim("k0")).as("the oldest were forgotten").isEqualTo(Deliveries.Claim.CLAIMED);
    }
}
