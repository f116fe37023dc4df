package org.gridloop.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Bearer tokens this process has verified, until they expire (at most {@link #MAX_AGE}): a caller sends the same
 * token with every request for its lifetime, and verifying its RS256 signature again each time was the largest
 * single cost of an action (the benchmark's profile, 2026-12-06: 14 % of grid-intake's CPU in
 * {@code BigInteger} arithmetic). The key is the whole token as received, so a token that differs in any character
 * (another signature, another claim) is verified from scratch; only tokens that passed every check are kept. A
 * token is kept no longer than its {@code exp} and {@link #MAX_AGE}: a verification key taken out of service stops
 * admitting tokens it signed at most that long after the library stopped (which refreshes keys loaded from a URL
 * every {@code smallrye.jwt.jwks.refresh-interval}). A limit on a token's age ({@code mp.jwt.verify.token.age},
 * {@code smallrye.jwt.time-to-live}) is not set here; setting one would have to bound the trust too.
 */
public final class VerifiedTokens {

    /** How long a verified token is trusted without verifying it again, whatever its expiry. */
    public static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** Distinct tokens kept; each is a few KB (the claims), so this bounds the cache to a few MB. */
    static final int MAX_TOKENS = 2_000;

    /** The check a miss runs: the signature, issuer, audience and expiry; throws when the token fails any. */
    @FunctionalInterface
    public interface Verifier<E extends Exception> {
        JsonWebToken verify(String token) throws E;
    }

    private record Verified(JsonWebToken jwt, long trustedUntilMillis) {
    }

    private final Clock clock;
    private final LongAdder verifications = new LongAdder();
    private final LongAdder reuses = new LongAdder();
    private final Cache<String, Verified> tokens = Caffeine.newBuilder().maximumSize(MAX_TOKENS)
            .expireAfterWrite(MAX_AGE).build();

    public VerifiedTokens(Clock clock) {
        this.clock = clock;
    }

    /** The token's claims: from the cache while it is trusted, else as {@code verifier} finds them (and kept). */
    public <E extends Exception> JsonWebToken verified(String token, Verifier<E> verifier) throws E {
        long now = clock.millis();
        Verified known = tokens.getIfPresent(token);
        if (known != null) {
            if (now < known.trustedUntilMillis()) {
                reuses.increment();
                return known.jwt();
            }
            tokens.invalidate(token);
        }
        verifications.increment();
        JsonWebToken jwt = verifier.verify(token);
        long expiresMillis = jwt.getExpirationTime() * 1000;
        long until = Math.min(expiresMillis, now + MAX_AGE.toMillis());
        if (until > now) {
            tokens.put(token, new Verified(jwt, until));
        }
        return jwt;
    }

    /** Tokens verified (passed or not), since the start. */
    public long verifications() {
        return verifications.sum();
    }

    /** Requests whose token was trusted as verified before, since the start. */
    public long reuses() {
        return reuses.sum();
    }

    /** How many tokens are trusted now (for the tests). */
    long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }
}
