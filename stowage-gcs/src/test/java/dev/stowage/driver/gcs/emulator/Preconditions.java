package dev.stowage.driver.gcs.emulator;

/**
 * The generation and metageneration preconditions of a request, as the JSON API reference
 * describes them for every object method (e.g.
 * <a href="https://cloud.google.com/storage/docs/json_api/v1/objects/insert">objects.insert</a>,
 * <a href="https://cloud.google.com/storage/docs/generations-preconditions">generations and preconditions</a>):
 * {@code ifGenerationMatch=0} means "only if no live object exists".
 */
record Preconditions(Long ifGenerationMatch, Long ifGenerationNotMatch, Long ifMetagenerationMatch,
        Long ifMetagenerationNotMatch) {

    static final Preconditions NONE = new Preconditions(null, null, null, null);

    static Preconditions from(EmulatorRequest req, String prefix) {
        return new Preconditions(req.longParam(prefix + "fGenerationMatch"), req.longParam(prefix + "fGenerationNotMatch"),
                req.longParam(prefix + "fMetagenerationMatch"), req.longParam(prefix + "fMetagenerationNotMatch"));
    }

    /** Preconditions on the (destination) object: {@code ifGenerationMatch}... */
    static Preconditions from(EmulatorRequest req) {
        return from(req, "i");
    }

    /** Preconditions on a rewrite source: {@code ifSourceGenerationMatch}... */
    static Preconditions source(EmulatorRequest req) {
        return new Preconditions(req.longParam("ifSourceGenerationMatch"), req.longParam("ifSourceGenerationNotMatch"),
                req.longParam("ifSourceMetagenerationMatch"), req.longParam("ifSourceMetagenerationNotMatch"));
    }

    /**
     * Checks the preconditions against the current live object ({@code null} if none).
     *
     * @param read whether the request is a read, where failed "not match" conditions answer 304
     */
    void check(EmulatedObject current, boolean read) {
        long gen = current == null ? 0 : current.generation();
        if (ifGenerationMatch != null && ifGenerationMatch != gen) {
            throw ApiError.preconditionFailed();
        }
        if (ifMetagenerationMatch != null && (current == null || ifMetagenerationMatch != current.metageneration())) {
            throw ApiError.preconditionFailed();
        }
        if (ifGenerationNotMatch != null && ifGenerationNotMatch == gen) {
            throw read ? ApiError.notModified() : ApiError.preconditionFailed();
        }
        if (ifMetagenerationNotMatch != null && current != null && ifMetagenerationNotMatch == current.metageneration()) {
            throw read ? ApiError.notModified() : ApiError.preconditionFailed();
        }
    }
}
