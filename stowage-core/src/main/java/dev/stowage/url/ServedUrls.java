package dev.stowage.url;

import dev.stowage.Operation;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.spi.DiskConfig;
import java.net.URI;
import java.security.SecureRandom;

/**
 * Signed and public URLs for disks whose bytes are served by Stowage itself ({@code stowage serve}
 * or the Spring Boot endpoint): memory and local. Settings:
 *
 * <ul>
 *   <li>{@code signing-secret}: HMAC secret, at least 16 bytes (required to sign on local disks;
 *       memory disks fall back to a random per-process secret);
 *   <li>{@code base-url}: where the server runs, default {@value #DEFAULT_BASE_URL};
 *   <li>{@code public-url}: base of public URLs (e.g. a CDN); default {@code {base-url}/public/{disk}}.
 * </ul>
 */
public final class ServedUrls {
    /** Where {@code stowage serve} listens by default. */
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080";

    private final String disk;
    private final UrlSigner signer;
    private final URI baseUrl;
    private final String publicBase;

    private ServedUrls(String disk, UrlSigner signer, URI baseUrl, String publicBase) {
        this.disk = disk;
        this.signer = signer;
        this.baseUrl = baseUrl;
        this.publicBase = publicBase;
    }

    /**
     * From a disk's settings.
     *
     * @param randomSecretIfAbsent whether to invent a per-process secret when none is configured
     */
    public static ServedUrls from(DiskConfig config, boolean randomSecretIfAbsent) {
        UrlSigner signer = null;
        String secret = config.get("signing-secret").orElse(null);
        if (secret != null) {
            try {
                signer = UrlSigner.ofSecret(secret);
            } catch (IllegalArgumentException e) {
                throw new StorageConfigurationException(config.name(),
                        "signing-secret must be at least " + UrlSigner.MIN_SECRET_BYTES + " bytes long");
            }
        } else if (randomSecretIfAbsent) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            signer = new UrlSigner(random);
        }
        URI base;
        try {
            base = URI.create(config.get("base-url", DEFAULT_BASE_URL));
        } catch (IllegalArgumentException e) {
            throw new StorageConfigurationException(config.name(), "base-url is not a valid URL");
        }
        String publicBase = config.get("public-url").orElse(null);
        return new ServedUrls(config.name(), signer, base, publicBase);
    }

    /** The signer, or {@code null} when none is configured. */
    public UrlSigner signer() {
        return signer;
    }

    /** A signed URL, or a configuration error saying to set {@code signing-secret}. */
    public URI signedUrl(String key, SignedUrlOptions options) {
        if (signer == null) {
            throw new StorageConfigurationException(disk, Operation.SIGN_URL, key,
                    "signed URLs need a signing secret: set stowage.disks." + disk + ".signing-secret (16+ bytes)");
        }
        return signer.sign(baseUrl, disk, key, options);
    }

    /** The public URL of a key. */
    public URI publicUrl(String key) {
        String base = publicBase != null ? publicBase
                : stripSlash(baseUrl.toString()) + "/public/" + UrlEncoding.encodeQuery(disk);
        return URI.create(stripSlash(base) + "/" + UrlEncoding.encodePath(key));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
