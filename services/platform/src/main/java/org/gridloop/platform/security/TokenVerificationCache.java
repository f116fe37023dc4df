package org.gridloop.platform.security;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;

/**
 * The bearer-token check every request runs ({@code JWTParser.parse}, called by Quarkus's JWT authentication) goes
 * through {@link VerifiedTokens}: a token verified once is trusted until it expires (at most five minutes). Every
 * other use of the parser (explicit keys, decryption) is the library's own.
 */
@Decorator
@Priority(10)
abstract class TokenVerificationCache implements JWTParser {

    private final VerifiedTokens verified = new VerifiedTokens(Clock.systemUTC());

    @Inject
    @Delegate
    @Any
    JWTParser parser;

    @Inject
    void count(MeterRegistry registry) {
        FunctionCounter.builder("gridloop.tokens", verified, VerifiedTokens::verifications).tag("check", "verified")
                .description("bearer tokens verified (signature, issuer, audience, expiry), passed or not")
                .register(registry);
        FunctionCounter.builder("gridloop.tokens", verified, VerifiedTokens::reuses).tag("check", "reused")
                .description("requests whose bearer token this process had verified before and still trusts")
                .register(registry);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return verified.verified(token, parser::parse);
    }
}
