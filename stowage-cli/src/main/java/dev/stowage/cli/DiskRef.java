package dev.stowage.cli;

import dev.stowage.spi.DiskConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which disk a location is on: the string {@link dev.stowage.Stowage#open(String)} opens, and a form
 * safe to print (secret query parameters masked). Two locations are on the same disk when their
 * {@code spec}s are equal; copies and moves between them then run on the server.
 *
 * @param spec what to open, e.g. {@code memory://scratch} or {@code s3://bucket?region=eu-west-1}
 * @param display the spec with secret values replaced by {@code ****}, for messages
 */
record DiskRef(String spec, String display) {

    DiskRef {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(display, "display");
    }

    /** The values of secret-looking settings in the spec's query, raw and decoded, to mask in messages. */
    Set<String> secretValues() {
        Set<String> values = new LinkedHashSet<>();
        int q = spec.indexOf('?');
        if (q < 0) {
            return values;
        }
        for (String pair : spec.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && eq < pair.length() - 1 && DiskConfig.isSecret(pair.substring(0, eq))) {
                String raw = pair.substring(eq + 1);
                values.add(raw);
                try {
                    values.add(URLDecoder.decode(raw, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // malformed escape: the raw value is masked already
                }
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return display;
    }
}
