package dev.stowage.bench.cold;

/** The floor of the cold benchmark: a JVM that starts, prints one line and exits. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
