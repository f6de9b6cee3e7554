package io.neoforge.operator.tenant.dependent;

/** An object the operator would own exists but is controlled by another owner; the message says what to do. */
public class AdoptionRefusedException extends RuntimeException {

    public AdoptionRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
