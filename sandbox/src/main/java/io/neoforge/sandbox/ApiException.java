package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refusal the sandbox API server answers with a Kubernetes {@code Status} object. */
final class ApiException extends Exception {
    final int code;
    final String reason;
    final ObjectNode details;

    ApiException(int code, String reason, String message, ObjectNode details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }
}
