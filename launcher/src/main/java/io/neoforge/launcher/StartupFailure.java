package io.neoforge.launcher;

/** The sandbox could not start; the message says what to look at. */
final class StartupFailure extends Exception {
    StartupFailure(String message) {
        super(message);
    }
}
