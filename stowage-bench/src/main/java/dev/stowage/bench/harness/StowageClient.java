package dev.stowage.bench.harness;

import dev.stowage.Content;
import dev.stowage.ListRequest;
import dev.stowage.Page;
import dev.stowage.Storage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stowage's public API, as an application uses it, over whichever disk it is given. */
public final class StowageClient implements ObjectClient {
    private final String name;
    private final Storage storage;

    public StowageClient(String name, Storage storage) {
        this.name = name;
        this.storage = storage;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void put(String key, byte[] data) {
        storage.put(key, Content.of(data));
    }

    @Override
    public byte[] get(String key) {
        return storage.getBytes(key);
    }

    @Override
    public long stat(String key) {
        return storage.stat(key).size();
    }

    @Override
    public int list(String prefix, boolean delimiter) {
        ListRequest request = delimiter ? ListRequest.prefix(prefix).folders() : ListRequest.prefix(prefix);
        int n = 0;
        while (true) {
            Page page = storage.list(request);
            n += page.objects().size() + page.prefixes().size();
            if (!page.hasMore()) {
                return n;
            }
            request = request.after(page.nextCursor());
        }
    }

    @Override
    public void deleteAll(List<String> keys) {
        storage.deleteAll(keys);
    }

    @Override
    public void upload(String key, InputStream in, long length) {
        storage.put(key, Content.of(in, length));
    }

    @Override
    public void download(String key, Path target) {
        storage.download(key, target);
    }

    @Override
    public CompletableFuture<?> putAsync(String key, byte[] data) {
        return storage.async().put(key, Content.of(data));
    }

    @Override
    public void close() {
        storage.close();
    }
}
