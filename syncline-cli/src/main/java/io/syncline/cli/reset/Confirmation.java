package io.syncline.cli.reset;

import java.io.Console;

/** Asks the operator on the terminal before a command changes something. */
interface Confirmation {
    /** Whether there is a terminal to ask on. */
    boolean available();

    /** Asks {@code question}; true only for an answer of y or yes. */
    boolean confirm(String question);

    /** The process's terminal ({@link System#console()}), if it has one. */
    static Confirmation terminal() {
        return new Confirmation() {
            @Override
            public boolean available() {
                return System.console() != null;
            }

            @Override
            public boolean confirm(String question) {
                Console console = System.console();
                String answer = console == null ? null : console.readLine("%s", question);
                return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
            }
        };
    }
}
