package dev.stowage;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a disk's driver supports. Calls that need a missing capability fail up front with
 * {@link UnsupportedCapabilityException}; tests in the contract suite run only where it is present.
 *
 * @param supported the capabilities present
 */
public record Capabilities(Set<Capability> supported) {

    public Capabilities {
        supported = supported.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(supported));
    }

    /** Capabilities with exactly the ones given. */
    public static Capabilities of(Capability... capabilities) {
        return new Capabilities(capabilities.length == 0 ? Set.of() : EnumSet.of(capabilities[0], capabilities));
    }

    /** Every capability. */
    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Capability.class));
    }

    /** Whether {@code capability} is present. */
    public boolean supports(Capability capability) {
        return supported.contains(capability);
    }

    /** A copy without the given capabilities (used by layers such as read-only). */
    public Capabilities without(Capability... capabilities) {
        EnumSet<Capability> set = supported.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(supported);
        for (Capability c : capabilities) {
            set.remove(c);
        }
        return new Capabilities(set);
    }
}
