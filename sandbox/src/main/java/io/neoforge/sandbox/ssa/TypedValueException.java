package io.neoforge.sandbox.ssa;

/** A value that does not fit its schema, as structured-merge-diff reports it (e.g. {@code .spec.size: expected numeric (int or float), got string}). */
public class TypedValueException extends Exception {
    public TypedValueException(String message) {
        super(message);
    }
}
