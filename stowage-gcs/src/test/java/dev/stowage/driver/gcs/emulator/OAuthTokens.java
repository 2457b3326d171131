package dev.stowage.driver.gcs.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The OAuth 2.0 token endpoint a service account's {@code token_uri} points to, for the JWT bearer
 * grant of <a href="https://developers.google.com/identity/protocols/oauth2/service-account">OAuth 2.0
 * for server to server applications</a>: the {@code assertion} must be an RS256 JWT signed with a
 * trusted service account's key; the answer is an access token the API then accepts. Requests
 * without {@code Authorization} are served anonymously (as other emulators do); a bearer token
 * that is neither issued here nor a valid self-signed JWT is refused with 401.
 */
final class OAuthTokens {
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final Function<String, PublicKey> keys;

    OAuthTokens(Function<String, PublicKey> keys) {
        this.keys = keys;
    }

    EmulatorResponse token(EmulatorRequest req) {
        var form = EmulatorRequest.parseQuery(new String(req.body, StandardCharsets.UTF_8));
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type"))) {
            return oauthError("unsupported_grant_type", "Invalid grant_type");
        }
        if (!validJwt(form.get("assertion"))) {
            return oauthError("invalid_grant", "Invalid JWT Signature.");
        }
        String token = "ya29.emulator-" + UUID.randomUUID();
        issued.add(token);
        JsonObject out = new JsonObject();
        out.addProperty("access_token", token);
        out.addProperty("expires_in", 3599);
        out.addProperty("token_type", "Bearer");
        return EmulatorResponse.json(200, out);
    }

    /** Checks an {@code Authorization} header; throws 401 when it carries a token not valid here. */
    void authorize(EmulatorRequest req) {
        String auth = req.header("authorization");
        if (auth == null) {
            return;
        }
        if (!auth.startsWith("Bearer ")) {
            throw ApiError.unauthorized("Invalid Credentials");
        }
        String token = auth.substring(7).strip();
        if (!issued.contains(token) && !validJwt(token)) {
            throw ApiError.unauthorized("Invalid Credentials");
        }
    }

    private boolean validJwt(String jwt) {
        if (jwt == null) {
            return false;
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonObject claims = JsonParser.parseString(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8)).getAsJsonObject();
            PublicKey key = keys.apply(claims.get("iss").getAsString());
            if (key == null) {
                return false;
            }
            if (claims.has("exp") && claims.get("exp").getAsLong() * 1000 < System.currentTimeMillis()) {
                return false;
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static EmulatorResponse oauthError(String error, String description) {
        JsonObject out = new JsonObject();
        out.addProperty("error", error);
        out.addProperty("error_description", description);
        return EmulatorResponse.json(400, out);
    }
}
