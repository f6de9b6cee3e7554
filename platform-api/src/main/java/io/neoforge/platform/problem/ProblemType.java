package io.neoforge.platform.problem;

/** The kinds of problem this API reports; {@code type} is {@code https://neoforge.io/problems/<slug>}. */
public enum ProblemType {
    VALIDATION("validation", "Request is not valid", 422),
    MALFORMED_REQUEST("malformed-request", "Request body is not readable", 400),
    NAME_TAKEN("name-taken", "Tenant name taken", 409),
    NAME_RESERVED("name-reserved", "Tenant name reserved", 409),
    UNKNOWN_PLAN("unknown-plan", "Unknown plan", 422),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused with a different request", 422),
    IDEMPOTENCY_KEY_IN_USE("idempotency-key-in-use", "Request with this idempotency key still in progress", 409),
    RATE_LIMITED("rate-limited", "Too many requests", 429),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Not allowed", 403),
    DELETION_PROTECTED("deletion-protected", "Tenant is deletion-protected", 409),
    CONFLICT("conflict", "Conflict", 409),
    KUBERNETES_UNAVAILABLE("kubernetes-unavailable", "Kubernetes API unavailable", 503),
    INTERNAL("internal", "Internal server error", 500);

    private static final String BASE = "https://neoforge.io/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    /** The type for a bare HTTP status, when nothing more specific is known. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 429 -> RATE_LIMITED;
            case 503 -> KUBERNETES_UNAVAILABLE;
            default -> INTERNAL;
        };
    }
}
