package io.syncline.cli;

/** The pipeline file does not exist or cannot be read: exit {@link ExitCodes#NO_INPUT}. */
final class NoInputException extends Exception {
    private static final long serialVersionUID = 1L;

    NoInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
