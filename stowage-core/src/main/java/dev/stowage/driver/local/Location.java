package dev.stowage.driver.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a key's object is, or would go: its data file, or the {@link LocalLayout#self self file}
 * of the folder of that name.
 *
 * @param dest the file holding (or to hold) the object
 * @param attrs the object file's attributes, or {@code null} if there is no object
 * @param link whether the key's path is a symbolic link (never followed)
 */
record Location(Path dest, BasicFileAttributes attrs, boolean link) {

    /** Whether there is an object. */
    boolean exists() {
        return attrs != null;
    }


    /**
     * Finds the object of a key path: the file itself or, if the path is a folder, the folder's
     * {@link LocalLayout#self self file}. {@code dest} is where a new version goes.
     */
    static Location locate(Path path) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new Location(path, null, false);
        }
        if (attrs.isRegularFile()) {
            return new Location(path, attrs, false);
        }
        if (attrs.isDirectory()) {
            Path self = LocalLayout.self(path);
            try {
                BasicFileAttributes selfAttrs = Files.readAttributes(self, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                return new Location(self, selfAttrs.isRegularFile() ? selfAttrs : null, false);
            } catch (NoSuchFileException e) {
                return new Location(self, null, false);
            }
        }
        return new Location(path, null, attrs.isSymbolicLink());
    }
}
