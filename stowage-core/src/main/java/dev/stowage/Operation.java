package dev.stowage;

/** The storage operation a failure happened in; named in every {@link StorageException}. */
public enum Operation {
    WRITE("write"),
    READ("read"),
    STAT("stat"),
    LIST("list"),
    DELETE("delete"),
    COPY("copy"),
    MOVE("move"),
    SIGN_URL("signed URL"),
    PUBLIC_URL("public URL"),
    TAGS("tags"),
    OPEN_DISK("open disk");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** A short human word for messages, e.g. {@code write}. */
    public String label() {
        return label;
    }
}
