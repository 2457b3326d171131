package dev.stowage.bench.resources;

import dev.stowage.Storage;
import dev.stowage.Stowage;
import dev.stowage.spi.DiskConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One driver as both contenders reach it: Stowage's disk settings and OpenDAL's service scheme and
 * configuration ({@code opendalScheme} {@code null} where OpenDAL is not compared). Travels to a
 * forked probe as arguments {@code s:KEY=VALUE}, {@code o:KEY=VALUE} and {@code scheme=NAME}.
 */
record Target(String driver, Map<String, String> stowage, String opendalScheme, Map<String, String> opendal) {

    Target {
        stowage = Map.copyOf(stowage);
        opendal = Map.copyOf(opendal);
    }

    /** Opens the Stowage disk. */
    Storage open() {
        return Stowage.open(DiskConfig.of("res-" + driver, driver, stowage));
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("driver=" + driver);
        stowage.forEach((k, v) -> args.add("s:" + k + "=" + v));
        if (opendalScheme != null) {
            args.add("scheme=" + opendalScheme);
            opendal.forEach((k, v) -> args.add("o:" + k + "=" + v));
        }
        return args;
    }

    /** The target in {@code args} (other arguments are ignored). */
    static Target fromArgs(String[] args) {
        String driver = null;
        String scheme = null;
        Map<String, String> s = new LinkedHashMap<>();
        Map<String, String> o = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = a.substring(0, eq);
            String v = a.substring(eq + 1);
            if (k.equals("driver")) {
                driver = v;
            } else if (k.equals("scheme")) {
                scheme = v;
            } else if (k.startsWith("s:")) {
                s.put(k.substring(2), v);
            } else if (k.startsWith("o:")) {
                o.put(k.substring(2), v);
            }
        }
        if (driver == null) {
            throw new IllegalArgumentException("no driver=NAME argument");
        }
        return new Target(driver, s, scheme, o);
    }

    /** The value of argument {@code name=VALUE}, or {@code fallback}. */
    static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
