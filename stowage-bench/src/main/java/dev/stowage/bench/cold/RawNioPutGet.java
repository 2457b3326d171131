package dev.stowage.bench.cold;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The local floor of the cold benchmark: what {@code stowage put}/{@code get} on a local disk do,
 * written with plain {@code java.nio} in one process. {@code put FILE ROOT KEY} writes a temporary
 * file, forces it to disk and renames it into place (the local driver's durability);
 * {@code get ROOT KEY FILE} copies the object to a temporary file and renames it (atomic, as the CLI).
 */
public final class RawNioPutGet {
    private RawNioPutGet() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: RawNioPutGet put FILE ROOT KEY | get ROOT KEY FILE");
            System.exit(2);
        }
        if (args[0].equals("put")) {
            Path target = Path.of(args[2]).resolve(args[3]);
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".put-", ".tmp");
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(Files.readAllBytes(Path.of(args[1]))));
                out.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Path target = Path.of(args[3]).toAbsolutePath();
            Path temp = Files.createTempFile(target.getParent(), ".get-", ".tmp");
            Files.copy(Path.of(args[1]).resolve(args[2]), temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
