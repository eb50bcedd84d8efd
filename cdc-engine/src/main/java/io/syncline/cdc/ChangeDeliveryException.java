package io.syncline.cdc;

/** Kafka did not acknowledge a change event; its offset was not marked processed. */
public final class ChangeDeliveryException extends RuntimeException {
    public ChangeDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
