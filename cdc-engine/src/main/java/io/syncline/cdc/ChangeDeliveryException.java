package io.syncline.cdc;

/** A change event was not delivered to Kafka (not acknowledged, or not sendable); its offset was not marked processed. */
public final class ChangeDeliveryException extends RuntimeException {
    public ChangeDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
