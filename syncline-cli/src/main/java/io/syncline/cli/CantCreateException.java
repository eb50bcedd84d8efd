package io.syncline.cli;

/** A file or directory the command writes (e.g. the pipeline's state directory) cannot be created: exit {@link ExitCodes#CANT_CREATE}. */
final class CantCreateException extends Exception {
    private static final long serialVersionUID = 1L;

    CantCreateException(String message, Throwable cause) {
        super(message, cause);
    }
}
