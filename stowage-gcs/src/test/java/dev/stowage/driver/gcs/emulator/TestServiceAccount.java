package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonObject;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A throw-away service account for tests: a fresh RSA key pair and the service-account JSON key
 * Google's client libraries read, with {@code token_uri} pointing at an emulator so that no request
 * ever leaves 127.0.0.1. {@link #trustedBy} registers the public key with the emulator, which then
 * verifies OAuth JWT assertions and V4 signed URLs made with the private key.
 */
public final class TestServiceAccount {
    private final String email;
    private final KeyPair keys;

    private TestServiceAccount(String email, KeyPair keys) {
        this.email = email;
        this.keys = keys;
    }

    /** A new account {@code name@stowage-test.iam.gserviceaccount.com} with a 2048-bit key. */
    public static TestServiceAccount create(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestServiceAccount(name + "@stowage-test.iam.gserviceaccount.com", generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String email() {
        return email;
    }

    public KeyPair keys() {
        return keys;
    }

    /** Registers this account's public key with the emulator; returns this. */
    public TestServiceAccount trustedBy(GcsEmulator emulator) {
        emulator.trustServiceAccount(email, keys.getPublic());
        return this;
    }

    /** The service-account JSON key, its {@code token_uri} on the emulator. */
    public String json(GcsEmulator emulator) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        JsonObject o = new JsonObject();
        o.addProperty("type", "service_account");
        o.addProperty("project_id", "stowage-test");
        o.addProperty("private_key_id", Integer.toHexString(keys.getPublic().hashCode()));
        o.addProperty("private_key", pem);
        o.addProperty("client_email", email);
        o.addProperty("client_id", "100000000000000000001");
        o.addProperty("auth_uri", emulator.endpoint() + "/o/oauth2/auth");
        o.addProperty("token_uri", emulator.endpoint() + "/token");
        o.addProperty("universe_domain", "googleapis.com");
        return o.toString();
    }
}
