package dev.stowage.driver.s3;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;

/**
 * SigV4 as the SDK does it, except that request bodies sent over plain {@code http} are not
 * signed ({@code x-amz-content-sha256: UNSIGNED-PAYLOAD}) and not aws-chunked: the SDK otherwise
 * hashes or chunk-signs every body on http endpoints, which costs more than the upload itself on
 * a local network. Integrity is kept by the {@code x-amz-checksum-*} header the driver sends with
 * each write. Over https the SDK's own behaviour (already unsigned) is unchanged.
 *
 * <p>The SigV4 canonical request does not contain the scheme, so the signature computed for
 * the "https" view of the request is valid for the same request sent over http, as long as the
 * {@code Host} header is the same: endpoints on port 80 (where {@code host:80} and {@code host}
 * would differ) keep the SDK's signed payload.
 */
final class UnsignedPayloadAuthScheme implements AuthScheme<AwsCredentialsIdentity> {

    private final AwsV4AuthScheme delegate = AwsV4AuthScheme.create();
    private final Signer signer = new Signer(delegate.signer());

    @Override
    public String schemeId() {
        return AwsV4AuthScheme.SCHEME_ID;
    }

    @Override
    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
        return delegate.identityProvider(providers);
    }

    @Override
    public HttpSigner<AwsCredentialsIdentity> signer() {
        return signer;
    }

    private record Signer(AwsV4HttpSigner delegate) implements HttpSigner<AwsCredentialsIdentity> {

        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SdkHttpRequest http = request.request();
            if (!"http".equals(http.protocol()) || http.port() == 80 || request.payload().isEmpty()) {
                return delegate.sign(request);
            }
            SdkHttpRequest asHttps = http.toBuilder().protocol("https").port(http.port()).build();
            SignRequest<? extends AwsCredentialsIdentity> unsigned = request.toBuilder()
                    .request(asHttps)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                    .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, false)
                    .build();
            SignedRequest signed = delegate.sign(unsigned);
            SdkHttpRequest back = signed.request().toBuilder().protocol("http").port(http.port()).build();
            return signed.toBuilder().request(back).build();
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            return delegate.signAsync(request);
        }
    }
}
