package dev.stowage;

/** The disk's driver cannot do what was asked; raised before anything is sent or stored. */
public class UnsupportedCapabilityException extends StorageException {
    private static final long serialVersionUID = 1L;

    private final Capability capability;

    public UnsupportedCapabilityException(String disk, Operation operation, String key, String driver,
            Capability capability) {
        super(disk, operation, key, "the " + driver + " driver does not support " + capability.description(),
                false, null);
        this.capability = capability;
    }

    /** The capability that is missing. */
    public Capability capability() {
        return capability;
    }
}
