package dev.stowage.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.ContentTooLargeException;
import dev.stowage.Storage;
import dev.stowage.Stowage;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;

class StowageUploadsTest {
    private final Storage storage = Stowage.open("memory://uploads");

    @Test
    void an_allowed_upload_is_stored_with_its_type() {
        var file = new MockMultipartFile("file", "a.png", "image/png", new byte[] {1, 2, 3});
        var info = StowageUploads.store(storage, "avatars/a.png", file, 10, Set.of("image/*"));
        assertThat(info.size()).isEqualTo(3);
        assertThat(storage.stat("avatars/a.png").contentType()).isEqualTo("image/png");
    }

    @Test
    void a_too_large_or_refused_type_upload_stores_nothing() {
        var big = new MockMultipartFile("file", "b.png", "image/png", new byte[100]);
        assertThatThrownBy(() -> StowageUploads.store(storage, "b.png", big, 10, Set.of()))
                .isInstanceOf(ContentTooLargeException.class).hasMessageContaining("b.png");
        var exe = new MockMultipartFile("file", "c.exe", "application/x-msdownload", new byte[1]);
        assertThatThrownBy(() -> StowageUploads.store(storage, "c.exe", exe, 10, Set.of("image/*")))
                .isInstanceOf(StowageUploads.ContentTypeNotAllowedException.class).hasMessageContaining("image/*");
        assertThat(storage.exists("b.png")).isFalse();
        assertThat(storage.exists("c.exe")).isFalse();
    }
}
