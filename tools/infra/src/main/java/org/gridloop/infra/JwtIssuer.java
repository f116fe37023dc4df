package org.gridloop.infra;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local stand-in for the OIDC provider: a fresh RSA key per run, and signed bearer tokens carrying the roles
 * ({@code groups}) and scope claims ({@code grids}, {@code department}, {@code unit}) the services check.
 * In production Keycloak issues the same claims.
 */
public final class JwtIssuer {

    public static final String ISSUER = "https://gridloop.local/issuer";
    /** The audience every GridLoop service requires ({@code mp.jwt.verify.audiences}); Keycloak's audience mapper. */
    public static final String AUDIENCE = "gridloop";

    private final KeyPair keyPair;
    private final String issuer;
    private final String keyId = UUID.randomUUID().toString();

    public JwtIssuer() {
        this(ISSUER);
    }

    public JwtIssuer(String issuer) {
        this.issuer = issuer;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** The verification key in PEM form, for {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keyPair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----";
    }

    /** The service configuration that makes a service trust this issuer. */
    public Map<String, String> serviceConfig() {
        return Map.of(
                "mp.jwt.verify.publickey", publicKeyPem(),
                "mp.jwt.verify.issuer", issuer);
    }

    public String token(DemoUser user) {
        return token(user, Duration.ofHours(12));
    }

    public String token(DemoUser user, Duration validity) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(user.username());
        claims.setClaim("upn", user.username());
        claims.setClaim("preferred_username", user.username());
        claims.setClaim("name", user.displayName());
        claims.setStringListClaim("groups", List.copyOf(user.roles()));
        if (!user.grids().isEmpty()) {
            claims.setStringListClaim("grids", List.copyOf(user.grids()));
        }
        if (user.department() != null) {
            claims.setClaim("department", user.department());
        }
        if (user.unit() != null) {
            claims.setClaim("unit", user.unit());
        }
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(validity.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        return sign(claims);
    }

    /** Signs arbitrary claims (tests use this for expired, foreign-issuer or otherwise odd tokens). */
    public String sign(JwtClaims claims) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keyPair.getPrivate());
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
