package io.syncline.cli;

import io.syncline.config.SinkSpec;
import io.syncline.sink.Disposition;
import io.syncline.sink.SinkWriter;
import java.util.concurrent.Callable;

/** Calls to a sink from a command, where an error the sink's writer classifies as transient means it cannot be reached (exit 69). */
public final class SinkCalls {
    private SinkCalls() {
    }

    public static <T> T reaching(SinkSpec sink, SinkWriter writer, Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (Exception e) {
            if (writer.classify(e) == Disposition.RETRY) {
                throw new UnavailableException("sink " + sink.name() + " (" + sink.type() + ") cannot be reached: "
                        + Failures.describe(e), e);
            }
            throw e;
        }
    }
}
