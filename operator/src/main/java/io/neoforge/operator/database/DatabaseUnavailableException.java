package io.neoforge.operator.database;

/**
 * PostgreSQL cannot be reached (connection refused or timed out, server shutting down or starting, pool
 * exhausted). Transient: retry later. The message names the server, never a password.
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
