package io.syncline.testkit;

/** A test asked for a service that could not be provided; the message says why and what to install. */
public class ServiceUnavailableException extends RuntimeException {
    public ServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
