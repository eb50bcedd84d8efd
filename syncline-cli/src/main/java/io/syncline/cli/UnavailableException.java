package io.syncline.cli;

/**
 * PostgreSQL, Kafka or a sink could not be reached (or refused the login): exit
 * {@link ExitCodes#UNAVAILABLE}. Thrown where a command knows which service it was talking to;
 * {@link Failures} also recognises the connection exceptions of the clients themselves.
 */
public final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
