package io.neoforge.operator.database;

/** A SQL statement failed for another reason than an unreachable server; the message carries the SQLState. */
public class DatabaseOperationException extends RuntimeException {

    private final String sqlState;

    public DatabaseOperationException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLState of the failure, or null when the driver gave none. */
    public String sqlState() {
        return sqlState;
    }
}
