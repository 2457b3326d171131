package dev.stowage.examples.upload;

import dev.stowage.ObjectInfo;
import dev.stowage.SignedUrlOptions;
import dev.stowage.Storage;
import dev.stowage.StorageKey;
import dev.stowage.spring.StowageUploads;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Upload a file, list uploads, and hand out a short-lived signed download link. */
@RestController
public class FileController {
    private static final long MAX_SIZE = 10L * 1024 * 1024;
    private static final Set<String> TYPES = Set.of("image/*", "application/pdf", "text/plain");

    private final Storage storage;

    public FileController(Storage storage) {
        this.storage = storage;
    }

    @PostMapping("/uploads")
    public ResponseEntity<Map<String, Object>> upload(@RequestParam("file") MultipartFile file) {
        String key = "uploads/" + file.getOriginalFilename();
        if (!StorageKey.isValid(key)) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid file name"));
        }
        ObjectInfo info = StowageUploads.store(storage, key, file, MAX_SIZE, TYPES);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("key", info.key(), "size", info.size()));
    }

    @GetMapping("/uploads")
    public List<Map<String, Object>> list() {
        try (Stream<ObjectInfo> all = storage.list("uploads/")) {
            return all.map(o -> Map.<String, Object>of("key", o.key(), "size", o.size())).toList();
        }
    }

    @GetMapping("/uploads/{name}/link")
    public ResponseEntity<Void> link(@PathVariable String name) {
        URI url = storage.signedUrl("uploads/" + name, SignedUrlOptions.get(Duration.ofMinutes(5)).download(name));
        return ResponseEntity.status(HttpStatus.FOUND).location(url).build();
    }

    @ExceptionHandler(dev.stowage.ContentTooLargeException.class)
    public ResponseEntity<Map<String, Object>> tooLarge(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(StowageUploads.ContentTypeNotAllowedException.class)
    public ResponseEntity<Map<String, Object>> badType(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(dev.stowage.ObjectNotFoundException.class)
    public ResponseEntity<Map<String, Object>> notFound(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }
}
