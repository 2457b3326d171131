package dev.stowage;

import java.util.Collection;

/** The changing half of {@link Storage}: writes, copies, moves and deletes. */
public interface StorageWriter {

    /** Stores {@code content} under {@code key}, replacing any object there; detects the content type. */
    ObjectInfo put(String key, Content content);

    /** Stores {@code content} under {@code key} as {@code options} say. Atomic: all or nothing. */
    ObjectInfo put(String key, Content content, PutOptions options);

    /** Copies within the disk, keeping type and metadata; overwrites the target. */
    ObjectInfo copy(String sourceKey, String targetKey);

    /** Moves within the disk; the source is gone afterwards. */
    ObjectInfo move(String sourceKey, String targetKey);

    /** Deletes an object; returns whether it existed. */
    boolean delete(String key);

    /** Deletes all these keys (missing ones are ignored), in batches where the provider allows. */
    void deleteAll(Collection<String> keys);

    /** Deletes every object under {@code prefix}; returns how many. {@code ""} empties the disk. */
    long deletePrefix(String prefix);
}
