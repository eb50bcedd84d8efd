package io.syncline.config;

/** A value never printed: toString() masks it, so specs can be logged. */
public record Secret(String value) {
    @Override
    public String toString() {
        return value == null || value.isEmpty() ? "" : "******";
    }
}
