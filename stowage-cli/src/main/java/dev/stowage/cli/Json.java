package dev.stowage.cli;

import dev.stowage.transfer.TransferAction;
import dev.stowage.transfer.TransferFailure;
import dev.stowage.transfer.TransferReport;
import java.util.Locale;

/** Writes the small JSON documents of {@code --json} output (no library needed for these shapes). */
final class Json {

    private Json() {
    }

    /** A JSON string literal. */
    static String string(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A transfer report as one JSON object. */
    static String report(TransferReport r) {
        StringBuilder b = new StringBuilder("{");
        b.append("\"mode\":").append(string(r.mode().name().toLowerCase(Locale.ROOT)))
                .append(",\"dryRun\":").append(r.dryRun())
                .append(",\"ok\":").append(r.ok())
                .append(",\"objectsConsidered\":").append(r.objectsConsidered())
                .append(",\"bytesConsidered\":").append(r.bytesConsidered())
                .append(",\"objectsCopied\":").append(r.objectsCopied())
                .append(",\"bytesCopied\":").append(r.bytesCopied())
                .append(",\"objectsSkipped\":").append(r.objectsSkipped())
                .append(",\"objectsDeleted\":").append(r.objectsDeleted())
                .append(",\"cancelled\":").append(r.cancelled())
                .append(",\"elapsedMillis\":").append(r.elapsed().toMillis())
                .append(",\"bytesPerSecond\":").append(Math.round(r.bytesPerSecond()))
                .append(",\"failures\":[");
        String sep = "";
        for (TransferFailure f : r.failures()) {
            b.append(sep).append("{\"key\":").append(string(f.key())).append(",\"reason\":").append(string(f.reason()))
                    .append('}');
            sep = ",";
        }
        b.append("],\"differences\":[");
        sep = "";
        for (TransferAction a : r.differences()) {
            b.append(sep).append(action(a));
            sep = ",";
        }
        b.append("],\"notes\":[");
        sep = "";
        for (String n : r.notes()) {
            b.append(sep).append(string(n));
            sep = ",";
        }
        return b.append("]}").toString();
    }

    /** One transfer action. */
    static String action(TransferAction a) {
        return "{\"kind\":" + string(a.kind().name().toLowerCase(Locale.ROOT)) + ",\"key\":" + string(a.key())
                + ",\"bytes\":" + a.bytes() + ",\"detail\":" + string(a.detail()) + "}";
    }
}
