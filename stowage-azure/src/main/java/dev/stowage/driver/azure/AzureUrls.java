package dev.stowage.driver.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import dev.stowage.Operation;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SAS and public URLs. With a shared key (account key or a connection string holding one) a
 * service SAS is signed locally; with an AAD credential ({@code credential=default}) a
 * user-delegation key is fetched (and reused while it is valid) and a user-delegation SAS is made.
 * A disk opened with a fixed SAS token or anonymously cannot sign.
 */
final class AzureUrls {
    private static final Duration DELEGATION_KEY_MIN = Duration.ofHours(1);

    private final AzureSettings settings;
    private final AzureClients clients;
    private final ReentrantLock lock = new ReentrantLock();
    private UserDelegationKey delegationKey;

    AzureUrls(AzureSettings settings, AzureClients clients) {
        this.settings = settings;
        this.clients = clients;
    }

    URI signedUrl(BlobClient blob, String key, SignedUrlOptions options) {
        OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plus(options.expiresIn());
        BlobSasPermission permission = options.method() == SignedUrlOptions.Method.GET
                ? new BlobSasPermission().setReadPermission(true)
                : new BlobSasPermission().setCreatePermission(true).setWritePermission(true);
        BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(expiry, permission);
        if (options.downloadName() != null) {
            values.setContentDisposition(attachment(options.downloadName()));
        }
        return URI.create(blobUrl(blob) + "?" + sign(blob, key, values, expiry));
    }

    /** A read URL for the source of a server-side copy, or the plain URL when this disk cannot sign. */
    String copySourceUrl(BlobClient blob, String key) {
        if (clients.canSign()) {
            OffsetDateTime expiry = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(30);
            return blobUrl(blob) + "?" + sign(blob, key,
                    new BlobServiceSasSignatureValues(expiry, new BlobSasPermission().setReadPermission(true)), expiry);
        }
        if (settings.sasToken() != null) {
            return blobUrl(blob) + "?" + settings.sasToken();
        }
        return blobUrl(blob);
    }

    private String sign(BlobClient blob, String key, BlobServiceSasSignatureValues values, OffsetDateTime expiry) {
        if (clients.canSignWithKey()) {
            return blob.generateSas(values);
        }
        if (clients.tokenCredential() != null) {
            return blob.generateUserDelegationSas(values, delegationKey(expiry));
        }
        throw new StorageConfigurationException(settings.disk(), Operation.SIGN_URL, key,
                "SAS URLs need an account key (account-key, or a connection string with AccountKey) or "
                        + "credential=default (user-delegation SAS); this disk uses " + settings.authKind());
    }

    /** A user-delegation key valid at least until {@code until}, fetched at most once an hour. */
    private UserDelegationKey delegationKey(OffsetDateTime until) {
        lock.lock();
        try {
            UserDelegationKey k = delegationKey;
            if (k != null && !k.getSignedExpiry().isBefore(until)) {
                return k;
            }
        } finally {
            lock.unlock();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime expiry = until.isAfter(now.plus(DELEGATION_KEY_MIN)) ? until : now.plus(DELEGATION_KEY_MIN);
        UserDelegationKey fresh = clients.service().getUserDelegationKey(now.minusMinutes(5), expiry);
        lock.lock();
        try {
            delegationKey = fresh;
        } finally {
            lock.unlock();
        }
        return fresh;
    }

    /** The public or CDN URL: {@code public-url} + key, else the blob's own URL. */
    URI publicUrl(BlobClient blob, String key) {
        if (settings.publicUrl() != null) {
            return URI.create(settings.publicUrl() + "/" + encodePath(key));
        }
        return URI.create(blobUrl(blob));
    }

    /** The blob's URL with its name percent-encoded segment by segment ({@code /} kept). */
    private String blobUrl(BlobClient blob) {
        return clients.container().getBlobContainerUrl() + "/" + encodePath(blob.getBlobName());
    }

    private static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20").replace("%7E", "~"));
        }
        return b.toString();
    }

    /** {@code attachment; filename="ascii"; filename*=UTF-8''percent-encoded} (RFC 6266). */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? '_' : c);
        }
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
