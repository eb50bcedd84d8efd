package io.syncline.cli;

/**
 * The running pipeline stopped with an error (capture, views or a sink): exit
 * {@link ExitCodes#SOFTWARE}, whatever the cause, since it started fine and then failed.
 */
final class PipelineFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    PipelineFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
