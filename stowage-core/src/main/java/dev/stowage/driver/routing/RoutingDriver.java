package dev.stowage.driver.routing;

import dev.stowage.ByteRange;
import dev.stowage.Capabilities;
import dev.stowage.Capability;
import dev.stowage.Content;
import dev.stowage.ObjectInfo;
import dev.stowage.Operation;
import dev.stowage.Page;
import dev.stowage.SignedUrlOptions;
import dev.stowage.StorageConfigurationException;
import dev.stowage.StorageException;
import dev.stowage.layer.Failures;
import dev.stowage.spi.KeyOrder;
import dev.stowage.spi.ListQuery;
import dev.stowage.spi.StorageDriver;
import dev.stowage.spi.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A disk made of other disks: ordered glob rules give each key an owner ({@code temp/**} →
 * local, {@code **}{@code /*.{jpg,png}} → media, {@code **} → s3); the first matching rule wins and
 * the last rule must be {@code **}.
 *
 * <p>Every operation goes to the key's owner. A copy or move between keys of different owners
 * streams the bytes from one to the other (never the whole object in memory). A listing queries
 * every member that may own keys under the prefix, keeps from each only the keys it owns, and
 * merges them in key order; the cursor is the last entry returned, which every member honours as
 * {@code startAfter}. Common prefixes ("folders") are the union of the members'. Signed and public
 * URLs come from the owner. Capabilities are those every member has.
 *
 * <p>The members belong to whoever created them (the {@code StorageManager}): closing a routing
 * disk does not close them.
 */
public final class RoutingDriver implements StorageDriver {

    private record Route(RoutingRule rule, StorageDriver member) {
    }

    private final String disk;
    private final List<Route> routes;
    private final List<StorageDriver> members;
    private final Capabilities capabilities;

    private RoutingDriver(String disk, List<Route> routes) {
        this.disk = disk;
        this.routes = List.copyOf(routes);
        if (routes.isEmpty() || !routes.get(routes.size() - 1).rule().glob().matchesEverything()) {
            throw new StorageConfigurationException(disk, "the last routing rule must be '** -> <disk>': "
                    + "every key needs an owner");
        }
        Map<String, StorageDriver> distinct = new LinkedHashMap<>();
        routes.forEach(r -> distinct.putIfAbsent(r.rule().target(), r.member()));
        this.members = List.copyOf(distinct.values());
        EnumSet<Capability> common = EnumSet.allOf(Capability.class);
        members.forEach(m -> common.retainAll(m.capabilities().supported()));
        this.capabilities = new Capabilities(common);
    }

    /** A builder for a routing disk named {@code disk}. */
    public static Builder builder(String disk) {
        return new Builder(disk);
    }

    /** Collects routes in order; the last must be {@code "**"}. */
    public static final class Builder {
        private final String disk;
        private final List<Route> routes = new ArrayList<>();

        private Builder(String disk) {
            this.disk = Objects.requireNonNull(disk, "disk");
        }

        /** Keys matching {@code pattern} go to {@code member} (named by its {@link StorageDriver#disk()}). */
        public Builder route(String pattern, StorageDriver member) {
            routes.add(new Route(new RoutingRule(Glob.compile(pattern), member.disk()), member));
            return this;
        }

        public RoutingDriver build() {
            return new RoutingDriver(disk, routes);
        }
    }

    /** The rules, in order, as {@code pattern -> disk}. */
    public List<String> rules() {
        return routes.stream().map(r -> r.rule().toString()).toList();
    }

    /** The name of the disk that owns {@code key}. */
    public String ownerOf(String key) {
        return route(key).rule().target();
    }

    private Route route(String key) {
        for (Route r : routes) {
            if (r.rule().glob().matches(key)) {
                return r;
            }
        }
        return routes.get(routes.size() - 1);
    }

    private StorageDriver owner(String key) {
        return route(key).member();
    }

    private ObjectInfo mine(ObjectInfo info) {
        return info.withDisk(disk);
    }

    /** Runs a member call, naming this disk (and the member, in the reason) in its failures. */
    private <T> T as(Supplier<T> body) {
        try {
            return body.get();
        } catch (StorageException e) {
            throw Failures.relabel(e, disk, e.key());
        }
    }

    @Override
    public String disk() {
        return disk;
    }

    @Override
    public String driverName() {
        return "routing";
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The lowest of the members': a routing disk's async calls may all land on its most constrained member. */
    @Override
    public int asyncConcurrency() {
        return members.stream().mapToInt(StorageDriver::asyncConcurrency).min().orElse(StorageDriver.super.asyncConcurrency());
    }

    @Override
    public ObjectInfo write(String key, Content content, WriteOptions options) {
        return mine(as(() -> owner(key).write(key, content, options)));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        return as(() -> owner(key).read(key, range));
    }

    @Override
    public ObjectInfo stat(String key) {
        return mine(as(() -> owner(key).stat(key)));
    }

    @Override
    public Map<String, String> tags(String key) {
        return as(() -> owner(key).tags(key));
    }

    @Override
    public boolean delete(String key) {
        return as(() -> owner(key).delete(key));
    }

    @Override
    public void deleteMany(List<String> keys) {
        Map<StorageDriver, List<String>> byOwner = new LinkedHashMap<>();
        for (String k : keys) {
            byOwner.computeIfAbsent(owner(k), m -> new ArrayList<>()).add(k);
        }
        as(() -> {
            byOwner.forEach(StorageDriver::deleteMany);
            return null;
        });
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey) {
        return as(() -> copyAcross(sourceKey, targetKey));
    }

    private ObjectInfo copyAcross(String sourceKey, String targetKey) {
        StorageDriver from = owner(sourceKey);
        StorageDriver to = owner(targetKey);
        if (from == to) {
            return mine(from.copy(sourceKey, targetKey));
        }
        return mine(streamCopy(Operation.COPY, from, sourceKey, to, targetKey));
    }

    @Override
    public ObjectInfo move(String sourceKey, String targetKey) {
        return as(() -> moveAcross(sourceKey, targetKey));
    }

    private ObjectInfo moveAcross(String sourceKey, String targetKey) {
        StorageDriver from = owner(sourceKey);
        StorageDriver to = owner(targetKey);
        if (from == to) {
            return mine(from.move(sourceKey, targetKey));
        }
        ObjectInfo info = streamCopy(Operation.MOVE, from, sourceKey, to, targetKey);
        from.delete(sourceKey);
        return mine(info);
    }

    private ObjectInfo streamCopy(Operation op, StorageDriver from, String sourceKey, StorageDriver to,
            String targetKey) {
        ObjectInfo source = from.stat(sourceKey);
        Map<String, String> tags = to.capabilities().supports(Capability.TAGS) ? source.tags() : Map.of();
        WriteOptions options = new WriteOptions(source.contentType(), source.contentDisposition(),
                source.cacheControl(), to.capabilities().supports(Capability.METADATA) ? source.metadata() : Map.of(),
                tags, false, null);
        try (InputStream in = from.read(sourceKey, ByteRange.ALL)) {
            return to.write(targetKey, Content.of(in, source.size()), options);
        } catch (IOException e) {
            throw new StorageException(disk, op, sourceKey, "closing the source stream failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Page list(ListQuery query) {
        return as(() -> merge(query));
    }

    private Page merge(ListQuery query) {
        List<Source> sources = new ArrayList<>();
        for (StorageDriver m : members) {
            if (mayOwnUnder(m, query.prefix())) {
                sources.add(new Source(m, query));
            }
        }
        List<ObjectInfo> objects = new ArrayList<>();
        List<String> prefixes = new ArrayList<>();
        String last = null;
        while (objects.size() + prefixes.size() < query.limit()) {
            Entry min = null;
            for (Source s : sources) {
                Entry head = s.peek();
                if (head != null && (min == null || KeyOrder.compare(head.name(), min.name()) < 0)) {
                    min = head;
                }
            }
            if (min == null) {
                return new Page(objects, prefixes, null);
            }
            Entry chosen = null;
            for (Source s : sources) {
                Entry head = s.peek();
                if (head != null && head.name().equals(min.name())) {
                    s.pop();
                    if (head.prefix() || owner(head.name()) == s.member) {
                        chosen = chosen == null || head.prefix() ? head : chosen;
                    }
                }
            }
            if (chosen != null) {
                if (chosen.prefix()) {
                    prefixes.add(chosen.name());
                } else {
                    objects.add(mine(chosen.info()));
                }
                last = chosen.name();
            }
        }
        boolean more = false;
        for (Source s : sources) {
            if (s.peek() != null) {
                more = true;
                break;
            }
        }
        return new Page(objects, prefixes, more ? last : null);
    }

    private boolean mayOwnUnder(StorageDriver member, String prefix) {
        for (Route r : routes) {
            if (r.member() == member && r.rule().glob().mayMatchUnder(prefix)) {
                return true;
            }
        }
        return false;
    }

    private record Entry(String name, ObjectInfo info) {
        boolean prefix() {
            return info == null;
        }
    }

    /** One member's listing, fetched page by page as the merge consumes it. */
    private static final class Source {
        private final StorageDriver member;
        private final ListQuery query;
        private final ArrayDeque<Entry> buffer = new ArrayDeque<>();
        private String cursor;
        private boolean done;

        Source(StorageDriver member, ListQuery query) {
            this.member = member;
            this.query = query;
            this.cursor = query.startAfter();
        }

        Entry peek() {
            while (buffer.isEmpty() && !done) {
                Page page = member.list(new ListQuery(query.prefix(), query.delimiter(), cursor, query.limit()));
                List<Entry> entries = new ArrayList<>();
                page.objects().forEach(o -> entries.add(new Entry(o.key(), o)));
                page.prefixes().forEach(p -> entries.add(new Entry(p, null)));
                entries.sort((a, b) -> KeyOrder.compare(a.name(), b.name()));
                buffer.addAll(entries);
                cursor = page.nextCursor();
                done = cursor == null;
            }
            return buffer.peekFirst();
        }

        void pop() {
            buffer.pollFirst();
        }
    }

    @Override
    public URI signedUrl(String key, SignedUrlOptions options) {
        return as(() -> owner(key).signedUrl(key, options));
    }

    @Override
    public URI publicUrl(String key) {
        return as(() -> owner(key).publicUrl(key));
    }

    @Override
    public List<ObjectInfo> findByTags(String query) {
        List<ObjectInfo> found = new ArrayList<>();
        for (StorageDriver m : members) {
            for (ObjectInfo info : m.findByTags(query)) {
                if (owner(info.key()) == m) {
                    found.add(mine(info));
                }
            }
        }
        found.sort((a, b) -> KeyOrder.compare(a.key(), b.key()));
        return found;
    }

    /** Does not close the members: they belong to whoever created them. */
    @Override
    public void close() {
        // members are owned by the StorageManager (or the caller who built this driver)
    }

    @Override
    public String toString() {
        return "RoutingDriver[" + disk + ": " + String.join(", ", rules()) + "]";
    }
}
