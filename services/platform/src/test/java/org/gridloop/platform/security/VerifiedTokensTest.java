package org.gridloop.platform.security;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which tokens are trusted without verifying them again, and for how long. */
class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    /** A clock the test moves. */
    private static final class Hands extends Clock {
        Instant now = T0;

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
            return now;
        }
    }

    /** Verifies tokens named "valid:<exp seconds>" and refuses every other; counts what it was asked. */
    private static final class CountingVerifier implements VerifiedTokens.Verifier<IllegalArgumentException> {
        final List<String> asked = new ArrayList<>();

        @Override
        public JsonWebToken verify(String token) {
            asked.add(token);
            if (!token.startsWith("valid:")) {
                throw new IllegalArgumentException("bad signature");
            }
            return jwt(Long.parseLong(token.substring("valid:".length())));
        }
    }

    private static JsonWebToken jwt(long exp) {
        Map<String, Object> claims = Map.of("exp", exp, "sub", "worker");
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "worker";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @SuppressWarnings("unchecked")
            @Override
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }

    private final Hands clock = new Hands();
    private final VerifiedTokens tokens = new VerifiedTokens(clock);
    private final CountingVerifier verifier = new CountingVerifier();

    @Test
    void aVerifiedTokenIsNotVerifiedAgainUntilItExpires() {
        String token = "valid:" + T0.plusSeconds(120).getEpochSecond();
        JsonWebToken first = tokens.verified(token, verifier);
        clock.now = T0.plusSeconds(119);
        assertThat(tokens.verified(token, verifier)).isSameAs(first);
        assertThat(verifier.asked).hasSize(1);
        clock.now = T0.plusSeconds(120);
        tokens.verified(token, verifier);
        assertThat(verifier.asked).as("at its expiry the token is verified again (and the library decides)")
                .hasSize(2);
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        String token = "valid:" + T0.plus(Duration.ofHours(8)).getEpochSecond();
        tokens.verified(token, verifier);
        clock.now = T0.plus(VerifiedTokens.MAX_AGE).minusMillis(1);
        tokens.verified(token, verifier);
        assertThat(verifier.asked).hasSize(1);
        clock.now = T0.plus(VerifiedTokens.MAX_AGE);
        tokens.verified(token, verifier);
        assertThat(verifier.asked).hasSize(2);
    }

    @Test
    void aTokenThatFailsIsNeverKeptAndEveryOtherTokenIsVerified() {
        assertThatThrownBy(() -> tokens.verified("forged", verifier)).hasMessage("bad signature");
        assertThatThrownBy(() -> tokens.verified("forged", verifier)).hasMessage("bad signature");
        String token = "valid:" + T0.plusSeconds(600).getEpochSecond();
        tokens.verified(token, verifier);
        tokens.verified(token + "0", verifier);
        assertThat(verifier.asked).containsExactly("forged", "forged", token, token + "0");
        assertThat(tokens.size()).isEqualTo(2);
    }

    @Test
    void anExpiredTokenTheVerifierStillAcceptsIsNotKept() {
        // where a clock skew is configured, the library accepts a token after its exp: it is verified again every time
        String token = "valid:" + T0.minusSeconds(30).getEpochSecond();
        tokens.verified(token, verifier);
        tokens.verified(token, verifier);
        assertThat(verifier.asked).hasSize(2);
        assertThat(tokens.size()).isZero();
    }
}
