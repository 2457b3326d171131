package dev.stowage.spring;

import dev.stowage.Content;
import dev.stowage.ContentTooLargeException;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.PutOptions;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.multipart.MultipartFile;

/**
 * Stores a {@link MultipartFile} from a Spring MVC upload after checking its size and type, so
 * nothing too large or of a refused type is ever stored.
 *
 * <pre>{@code
 * ObjectInfo info = StowageUploads.store(storage, "avatars/" + id + ".png", file,
 *         10 * 1024 * 1024, Set.of("image/png", "image/jpeg"));
 * }</pre>
 */
public final class StowageUploads {
    private StowageUploads() {
    }

    /** Thrown when an upload's content type is not allowed; nothing was stored. */
    public static final class ContentTypeNotAllowedException extends StorageException {
        private static final long serialVersionUID = 1L;

        ContentTypeNotAllowedException(String disk, String key, String type, Set<String> allowed) {
            super(disk, Operation.WRITE, key, "content type '" + type + "' is not allowed; allowed: " + allowed,
                    false, null);
        }
    }

    /**
     * Stores {@code file} under {@code key}.
     *
     * @param maxSize largest accepted size in bytes, or -1 for no limit
     * @param allowedTypes allowed content types (exact, or {@code image/*}); empty for any
     * @throws ContentTooLargeException if the file is larger than {@code maxSize}
     * @throws ContentTypeNotAllowedException if its type is not allowed
     */
    public static ObjectInfo store(Storage storage, String key, MultipartFile file, long maxSize,
            Set<String> allowedTypes) {
        if (maxSize >= 0 && file.getSize() > maxSize) {
            throw new ContentTooLargeException(storage.name(), Operation.WRITE, key,
                    "upload of " + file.getSize() + " bytes exceeds the limit of " + maxSize + " bytes", null);
        }
        String type = file.getContentType();
        if (!allowedTypes.isEmpty() && !allowed(type, allowedTypes)) {
            throw new ContentTypeNotAllowedException(storage.name(), key, type, allowedTypes);
        }
        PutOptions.Builder options = PutOptions.builder().contentType(type);
        if (maxSize >= 0) {
            options.maxSize(maxSize);
        }
        try {
            return storage.put(key, Content.of(file.getInputStream(), file.getSize()), options.build());
        } catch (IOException e) {
            throw new StorageException(storage.name(), Operation.WRITE, key,
                    "cannot read the uploaded file: " + e.getMessage(), e);
        }
    }

    private static boolean allowed(String type, Set<String> allowedTypes) {
        if (type == null) {
            return false;
        }
        String t = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        return allowedTypes.contains(t) || (slash > 0 && allowedTypes.contains(t.substring(0, slash) + "/*"));
    }
}
