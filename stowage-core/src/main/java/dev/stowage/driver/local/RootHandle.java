package dev.stowage.driver.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.ClosedDirectoryStreamException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The root directory held open for the driver's life, so that reads resolve a key relative to it
 * ({@code fstatat}/{@code openat} on the root's descriptor, through {@link SecureDirectoryStream})
 * instead of walking the root's whole absolute path three times (parents check, type check, open).
 * On this project's machines each such walk costs about as much as reading 4 KiB.
 *
 * <p>Only the plain case is served here: every folder on the key's path is a real directory, the
 * key's path is a regular file. Everything else (missing, a folder with a self file, a link, a
 * special file, any error) returns {@code null} and the caller takes its full path, which makes
 * the same checks by absolute path and reports the right error. The checks are the same as the
 * full path's ({@code NOFOLLOW_LINKS} on every folder and on the file, the file's type known
 * before it is opened), so containment is unchanged; the root itself can no longer be swapped for
 * a link under a running driver.
 */
final class RootHandle implements AutoCloseable {
    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    private final SecureDirectoryStream<Path> dir;

    private RootHandle(SecureDirectoryStream<Path> dir) {
        this.dir = dir;
    }

    /** Holds {@code root} open; without {@link SecureDirectoryStream} support every read takes the full path. */
    static RootHandle open(Path root) {
        try {
            DirectoryStream<Path> stream = Files.newDirectoryStream(root);
            if (stream instanceof SecureDirectoryStream<Path> secure) {
                return new RootHandle(secure);
            }
            stream.close();
        } catch (IOException e) {
            // fall through: reads take the full path
        }
        return new RootHandle(null);
    }

    /**
     * Opens the regular file at {@code relative} (a validated key's path below the root) for
     * reading, or {@code null} if this is not the plain case (see the class comment).
     */
    FileChannel openRegular(Path relative) {
        if (dir == null) {
            return null;
        }
        try {
            int names = relative.getNameCount();
            for (int i = 1; i < names; i++) {
                BasicFileAttributes folder = attributes(relative.subpath(0, i));
                if (!folder.isDirectory()) {
                    return null;
                }
            }
            if (!attributes(relative).isRegularFile()) {
                return null;
            }
            SeekableByteChannel channel = dir.newByteChannel(relative, READ);
            if (channel instanceof FileChannel file) {
                return file;
            }
            channel.close();
            return null;
        } catch (IOException | ClosedDirectoryStreamException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * The attributes of the regular file at {@code relative} (a validated key's path below the
     * root), every folder on its way checked to be a real directory, or {@code null} if this is not
     * the plain case (see the class comment).
     */
    BasicFileAttributes regularFile(Path relative) {
        if (dir == null) {
            return null;
        }
        try {
            int names = relative.getNameCount();
            for (int i = 1; i < names; i++) {
                if (!attributes(relative.subpath(0, i)).isDirectory()) {
                    return null;
                }
            }
            BasicFileAttributes file = attributes(relative);
            return file.isRegularFile() ? file : null;
        } catch (IOException | ClosedDirectoryStreamException | UnsupportedOperationException e) {
            return null;
        }
    }

    private BasicFileAttributes attributes(Path relative) throws IOException {
        return dir.getFileAttributeView(relative, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
    }

    @Override
    public void close() {
        if (dir != null) {
            try {
                dir.close();
            } catch (IOException e) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }
}
