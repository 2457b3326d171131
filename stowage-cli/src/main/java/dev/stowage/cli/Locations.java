package dev.stowage.cli;

import dev.stowage.spi.DiskConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the locations commands take. The syntax (also in {@code docs/cli.md}):
 *
 * <ul>
 *   <li>{@code key}: a key on the default disk ({@code local}, rooted at {@code ./storage});
 *   <li>{@code disk:key}: a key on a configured disk ({@code local:key} when nothing is configured);
 *   <li>{@code scheme://bucket/key?settings}: the authority names the disk (bucket, container, memory
 *       disk name), the path is the key (percent-decoded), the query holds disk settings;
 *   <li>{@code disk-uri#key}: everything before {@code #} opens the disk, everything after is the key,
 *       taken literally. Required for {@code file://} disks, whose root is itself a path:
 *       {@code file:///srv/data#reports/q1.csv};
 *   <li>for {@code cp} and {@code mv}: a local file is written {@code /abs}, {@code ./rel},
 *       {@code ../rel} or {@code -}; none of these can be a key, so nothing is ambiguous.
 * </ul>
 */
final class Locations {
    private static final Pattern URI_FORM = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://(.*)", Pattern.DOTALL);
    private static final Pattern NAMED_FORM = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*):(.*)", Pattern.DOTALL);
    private static final Set<String> ROOTED_SCHEMES = Set.of("file", "local");

    private final DiskCatalog catalog;
    private final Path workingDir;

    Locations(DiskCatalog catalog, Path workingDir) {
        this.catalog = catalog;
        this.workingDir = workingDir;
    }

    /** A location for {@code cp}/{@code mv}: a local file if written as a path, else an object. */
    Location parse(String arg) {
        return looksLikeLocalPath(arg) ? file(arg) : object(arg);
    }

    /** An argument that is always a local path ({@code put}'s source, {@code get}'s target); {@code -} is stdio. */
    Location.LocalFile file(String arg) {
        if (arg.equals("-")) {
            return new Location.LocalFile(null, arg);
        }
        try {
            return new Location.LocalFile(workingDir.resolve(arg).normalize(), arg);
        } catch (InvalidPathException e) {
            throw CliException.usage("'" + arg + "' is not a valid local path: " + e.getReason());
        }
    }

    /** An argument that is always an object location (a key, {@code disk:key} or a URI). */
    Location.ObjectRef object(String arg) {
        Matcher uri = URI_FORM.matcher(arg);
        if (uri.matches()) {
            return fromUri(arg, uri.group(1).toLowerCase(Locale.ROOT), uri.group(2));
        }
        Matcher named = NAMED_FORM.matcher(arg);
        if (named.matches()) {
            String name = named.group(1);
            DiskRef disk = catalog.named(name).orElseThrow(() -> CliException.configuration(
                    "unknown disk '" + name + "' in '" + arg + "' (known disks: " + String.join(", ",
                            new TreeSet<>(catalog.names())) + "); for a key containing ':' on the default disk write "
                            + EmbeddedDisks.LOCAL + ":" + arg));
            return new Location.ObjectRef(disk, named.group(2), arg);
        }
        return new Location.ObjectRef(catalog.defaultDisk(), arg, arg);
    }

    private Location.ObjectRef fromUri(String arg, String scheme, String rest) {
        String shown = mask(arg);
        int hash = rest.indexOf('#');
        if (hash >= 0) {
            String diskPart = scheme + "://" + rest.substring(0, hash);
            return new Location.ObjectRef(new DiskRef(diskPart, mask(diskPart)), rest.substring(hash + 1), shown);
        }
        if (ROOTED_SCHEMES.contains(scheme)) {
            // The whole URI is the disk root: fine for ls, and requireKey() explains '#' otherwise.
            return new Location.ObjectRef(new DiskRef(arg, shown), "", shown);
        }
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        String queryPart = query < 0 ? "" : rest.substring(query);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String rawKey = slash < 0 ? "" : beforeQuery.substring(slash + 1);
        if (authority.isEmpty()) {
            throw CliException.usage("'" + shown + "' names no disk: write " + scheme + "://NAME/key");
        }
        String diskSpec = scheme + "://" + authority + queryPart;
        return new Location.ObjectRef(new DiskRef(diskSpec, mask(diskSpec)), percentDecode(rawKey, shown), shown);
    }

    /** The key of an object location, or a usage error if it names a whole disk or a prefix. */
    static String requireKey(Location.ObjectRef ref) {
        if (ref.key().isEmpty()) {
            throw CliException.usage("'" + ref.shown() + "' names a disk, not an object"
                    + (isBareRoot(ref)
                            ? ": separate the disk root from the key with '#', e.g. file:///srv/data#reports/q1.csv"
                            : ": add a key"));
        }
        if (ref.key().endsWith("/")) {
            throw CliException.usage("'" + ref.shown() + "' ends with '/': it names a folder, not an object");
        }
        return ref.key();
    }

    /**
     * Whether a location is a {@code file://} or {@code local://} URI without {@code #}: it names the
     * disk's root directory, and any key must follow a {@code #}.
     */
    static boolean isBareRoot(Location.ObjectRef ref) {
        String shown = ref.shown().toLowerCase(Locale.ROOT);
        return (shown.startsWith("file:") || shown.startsWith("local:")) && shown.contains("://")
                && !shown.contains("#");
    }

    /** Whether a {@code cp}/{@code mv} argument is a local path rather than an object. */
    static boolean looksLikeLocalPath(String arg) {
        return arg.equals("-") || arg.equals(".") || arg.equals("..") || arg.startsWith("/") || arg.startsWith("./")
                || arg.startsWith("../") || arg.startsWith("~/");
    }

    /** The text with the values of secret-looking query parameters replaced by {@code ****}. */
    static String mask(String text) {
        int q = text.indexOf('?');
        if (q < 0) {
            return text;
        }
        int hash = text.indexOf('#', q);
        String query = hash < 0 ? text.substring(q + 1) : text.substring(q + 1, hash);
        StringBuilder b = new StringBuilder(text.substring(0, q + 1));
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                b.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq > 0 && DiskConfig.isSecret(pair.substring(0, eq))) {
                b.append(pair, 0, eq + 1).append("****");
            } else {
                b.append(pair);
            }
        }
        if (hash >= 0) {
            b.append(text.substring(hash));
        }
        return b.toString();
    }

    private static String percentDecode(String raw, String shown) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    throw CliException.usage("'" + shown + "' has a malformed percent escape in its key");
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < raw.length()) {
                    b = raw.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
