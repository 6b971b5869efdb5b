package com.omnichannel.gateway.customer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * bcrypt password hashes (WildFly Elytron). bcrypt reads at most 72 bytes, so the password is first reduced to the
 * base64 of its SHA-256 (44 characters): every character of a long passphrase counts. Hashing is deliberately slow,
 * so it always runs on the worker pool, never on the event loop.
 */
@ApplicationScoped
public class PasswordHasher {

    private final int cost;
    // Checked against when no account matches, so an unknown email costs as much time as a wrong password.
    private volatile String dummyHash;

    public PasswordHasher(CustomerConfig config) {
        this.cost = config.password().bcryptCost();
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(prepare(password), cost))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** Whether the password matches the hash; with a null hash, spends the same time and answers false. */
    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> {
            if (hash == null) {
                BcryptUtil.matches(prepare(password), dummyHash());
                return false;
            }
            return BcryptUtil.matches(prepare(password), hash);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = BcryptUtil.bcryptHash(prepare("not-a-password-of-anyone"), cost);
            dummyHash = hash;
        }
        return hash;
    }

    private static String prepare(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
