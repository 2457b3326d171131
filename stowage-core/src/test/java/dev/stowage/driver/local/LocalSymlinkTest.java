package dev.stowage.driver.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.AccessDeniedException;
import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.ObjectInfo;
import dev.stowage.ObjectNotFoundException;
import dev.stowage.Storage;
import dev.stowage.StorageException;
import dev.stowage.Stowage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links inside the root must never let a key reach a file outside it. */
class LocalSymlinkTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;
    Storage storage;

    @BeforeEach
    void open() throws IOException {
        root = dir.resolve("root");
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        storage = Stowage.open(root.toUri());
        Files.createSymbolicLink(root.resolve("escape"), outside);          // directory link out of the root
        Files.createSymbolicLink(root.resolve("secret-link"), outside.resolve("secret.txt")); // file link out
        Files.createDirectories(root.resolve("inner"));
        Files.createSymbolicLink(root.resolve("inner/up"), Path.of("../.."));  // relative link climbing out
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private List<String> outsideFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !p.startsWith(root)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void reading_through_a_directory_link_that_leaves_the_root_is_refused() {
        assertThatThrownBy(() -> storage.getBytes("escape/secret.txt")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> storage.stat("escape/secret.txt")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.getBytes("inner/up/outside/secret.txt"))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_file_link_is_not_an_object_and_is_never_followed() {
        assertThatThrownBy(() -> storage.getBytes("secret-link")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("symbolic link");
        assertThat(storage.exists("secret-link")).isFalse();
        assertThatThrownBy(() -> storage.copy("secret-link", "copied")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> storage.move("secret-link", "moved")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(storage.delete("secret-link")).isFalse();
        assertThat(Files.isSymbolicLink(root.resolve("secret-link"))).isTrue();
    }

    @Test
    void writing_through_a_link_never_lands_outside_the_root() throws IOException {
        List<String> before = outsideFiles();
        assertThatThrownBy(() -> storage.put("escape/planted.txt", Content.of("x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.put("inner/up/outside/planted.txt", Content.of("x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.put("escape/new/deep.txt", Content.of("x")))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.delete("escape/secret.txt")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> storage.move("escape/secret.txt", "stolen")).isInstanceOf(StorageException.class);
        storage.put("fine.txt", Content.of("ok"));
        assertThatThrownBy(() -> storage.move("fine.txt", "escape/moved.txt")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> storage.copy("fine.txt", "escape/copied.txt")).isInstanceOf(StorageException.class);
        assertThat(outsideFiles()).isEqualTo(before);
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void writing_a_key_that_is_a_file_link_replaces_the_link_not_its_target() throws IOException {
        storage.put("secret-link", Content.of("mine"));
        assertThat(Files.isSymbolicLink(root.resolve("secret-link"))).isFalse();
        assertThat(storage.getString("secret-link")).isEqualTo("mine");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("secret");
    }

    @Test
    void listings_skip_links_and_do_not_descend_into_them() {
        storage.put("inner/real.txt", Content.of("x"));
        assertThat(storage.list("").map(ObjectInfo::key)).containsExactly("inner/real.txt");
        assertThat(storage.list(ListRequest.prefix("").delimiter("/")).prefixes()).containsExactly("inner/");
        assertThatThrownBy(() -> storage.list("escape/").toList()).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void a_root_reached_through_a_link_is_used_by_its_real_path() throws IOException {
        Path linkToRoot = Files.createSymbolicLink(dir.resolve("root-link"), root);
        try (Storage viaLink = Stowage.open(linkToRoot.toUri())) {
            viaLink.put("through-link", Content.of("x"));
            assertThat(viaLink.unwrap(LocalDriver.class).root()).isEqualTo(root.toRealPath());
        }
        assertThat(storage.getString("through-link")).isEqualTo("x");
    }
}
