package io.neoforge.platform.signup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoforge.platform.PlatformApiConfig;
import io.neoforge.platform.problem.FieldError;
import io.neoforge.platform.problem.ProblemException;
import io.neoforge.platform.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} handling: the first successful response to a key is stored and replayed for the same
 * request; a different request under the same key is refused. Failed requests are not stored, so a client can fix its
 * request and retry with the same key.
 */
@ApplicationScoped
public class IdempotentResponses {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;

    /** A response as it is stored and replayed. */
    public record StoredResponse(int status, String location, String body) {}

    private final IdempotencyRepository repository;
    private final ObjectMapper json;
    private final PlatformApiConfig config;

    public IdempotentResponses(IdempotencyRepository repository, ObjectMapper json, PlatformApiConfig config) {
        this.repository = repository;
        this.json = json;
        this.config = config;
    }

    public Response execute(String scope, String key, Object request, Supplier<StoredResponse> action) {
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw ProblemException.validation(
                    List.of(new FieldError(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " characters long")));
        }
        String hash = hash(request);
        if (!repository.claim(scope, key, hash, config.signup().idempotencyRetention())) {
            return replay(scope, key, hash);
        }
        StoredResponse response;
        try {
            response = action.get();
        } catch (RuntimeException e) {
            repository.release(scope, key);
            throw e;
        }
        repository.complete(scope, key, response.status(), response.location(), response.body());
        return toResponse(response).build();
    }

    private Response replay(String scope, String key, String hash) {
        IdempotencyRepository.Entry entry = repository
                .find(scope, key)
                .orElseThrow(() -> new ProblemException(
                        ProblemType.IDEMPOTENCY_KEY_IN_USE,
                        "a request with this Idempotency-Key has just finished; retry"));
        if (!entry.requestHash().equals(hash)) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "this Idempotency-Key was used for a " + "different request; use a new key for a new request");
        }
        if (!entry.completed()) {
            throw new ProblemException(
                    ProblemType.IDEMPOTENCY_KEY_IN_USE,
                    "a request with this Idempotency-Key is " + "still in progress; retry shortly");
        }
        return toResponse(new StoredResponse(entry.status(), entry.location(), entry.body()))
                .header(REPLAYED_HEADER, "true")
                .build();
    }

    private static Response.ResponseBuilder toResponse(StoredResponse stored) {
        Response.ResponseBuilder response = Response.status(stored.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(stored.body());
        if (stored.location() != null) {
            response.header("Location", stored.location());
        }
        return response;
    }

    private String hash(Object request) {
        try {
            byte[] canonical = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not fingerprint the request", e);
        }
    }
}
