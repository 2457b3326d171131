package dev.stowage.driver.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Arrays;

/**
 * Reads and writes the {@link XattrRecord} attribute of a file, never following a symbolic link,
 * and tells once (at startup) whether the root's file system supports user extended attributes.
 */
final class Xattrs {
    /**
     * The largest value written as an attribute; bigger records go to a sidecar file. ext4 keeps
     * all of a file's attributes in the inode plus one block (4 KiB), so this leaves room for the
     * entry headers and anything else on the file.
     */
    static final int MAX_VALUE = 3800;

    private Xattrs() {
    }

    /**
     * Whether user extended attributes work in {@code dir}: writes, reads back and deletes one on
     * a scratch file there.
     */
    static boolean supported(Path dir) {
        Path probe = dir.resolve("xattr-probe");
        try {
            Files.write(probe, new byte[0]);
            byte[] value = {1, 2, 3, 4, 5, 6, 7, 8};
            if (!write(probe, value)) {
                return false;
            }
            ByteBuffer read = read(probe);
            if (read == null) {
                return false;
            }
            byte[] back = new byte[read.remaining()];
            read.get(back);
            return Arrays.equals(back, value);
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            LocalWriter.deleteQuietly(probe);
        }
    }

    /**
     * Sets the attribute on {@code file}; {@code false} if the file system refused it (too big,
     * no space for attributes, unsupported), in which case nothing was set.
     */
    static boolean write(Path file, byte[] value) throws IOException {
        if (value.length > MAX_VALUE) {
            return false;
        }
        UserDefinedFileAttributeView view = view(file);
        if (view == null) {
            return false;
        }
        try {
            view.write(XattrRecord.NAME, ByteBuffer.wrap(value));
            return true;
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return false; // E2BIG, ENOSPC, EOPNOTSUPP...: the caller keeps a sidecar instead
        }
    }

    /** The attribute's value (positioned at its start), or {@code null} if the file has none. */
    static ByteBuffer read(Path file) throws IOException {
        UserDefinedFileAttributeView view = view(file);
        if (view == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(MAX_VALUE + 1);
        try {
            view.read(XattrRecord.NAME, buffer);
        } catch (java.nio.file.NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return null; // ENODATA (no attribute), ERANGE (not one of ours), ELOOP (a link)...
        }
        return buffer.flip();
    }

    private static UserDefinedFileAttributeView view(Path file) {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    }
}
