package io.syncline.sink;

/** What the runner does about a failure. */
public enum Disposition {
    /** Transient (store unreachable, overloaded, timed out): back off and try again, pausing consumption. */
    RETRY,
    /** This record can never be written as it is (mapping conflict, bad value): dead-letter it and go on. */
    DEAD_LETTER,
    /** The sink cannot work (bad credentials, missing permissions, bug): stop the sink with the error. */
    FAIL
}
