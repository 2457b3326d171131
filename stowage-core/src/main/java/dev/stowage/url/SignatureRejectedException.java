package dev.stowage.url;

/** A signed URL did not verify; {@link #rejection()} says why (never revealing the secret). */
public final class SignatureRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a signed URL was refused. */
    public enum Rejection {
        /** A required parameter is absent. */
        MISSING_PARAMETER,
        /** A parameter could not be parsed. */
        MALFORMED,
        /** The expiry time has passed. */
        EXPIRED,
        /** The URL was signed for another HTTP method. */
        WRONG_METHOD,
        /** The signature does not match: some part of the URL was changed, or another secret signed it. */
        BAD_SIGNATURE
    }

    private final Rejection rejection;

    public SignatureRejectedException(Rejection rejection, String message) {
        super(message);
        this.rejection = rejection;
    }

    /** The reason. */
    public Rejection rejection() {
        return rejection;
    }
}
