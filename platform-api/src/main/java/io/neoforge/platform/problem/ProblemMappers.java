package io.neoforge.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.neoforge.platform.http.RequestId;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure into an RFC 9457 problem detail. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestId requestId;

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpServerRequest request) {
        Response.ResponseBuilder response = build(e.type(), e.status(), e.getMessage(), e.errors(), request);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, HttpServerRequest request) {
        return build(ProblemType.UNAUTHORIZED, 401, "a valid bearer token is required", null, request)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return build(ProblemType.FORBIDDEN, 403, "your token does not allow this", null, request)
                .build();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, HttpServerRequest request) {
        return build(
                        ProblemType.MALFORMED_REQUEST,
                        400,
                        "request body is not valid JSON for this operation: " + e.getOriginalMessage(),
                        null,
                        request)
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "request %s failed", requestId.value());
            return build(
                            ProblemType.INTERNAL,
                            status,
                            "the server failed; quote request id " + requestId.value(),
                            null,
                            request)
                    .build();
        }
        Response.ResponseBuilder response =
                build(ProblemType.forStatus(status), status, detailOf(e, status), null, request);
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            response.header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response kubernetes(KubernetesClientException e, HttpServerRequest request) {
        int code = e.getCode();
        if (code == 422) {
            return build(
                            ProblemType.VALIDATION,
                            422,
                            "the Kubernetes API refused the change: " + message(e),
                            causes(e.getStatus()),
                            request)
                    .build();
        }
        if (code == 409) {
            return build(ProblemType.CONFLICT, 409, message(e), null, request).build();
        }
        if (code == 404) {
            return build(ProblemType.NOT_FOUND, 404, message(e), null, request).build();
        }
        LOG.errorf(e, "request %s: Kubernetes API call failed with %d", requestId.value(), code);
        if (code <= 0 || code >= 500) {
            return build(
                            ProblemType.KUBERNETES_UNAVAILABLE,
                            503,
                            "the Kubernetes API did not answer; try again",
                            null,
                            request)
                    .header("Retry-After", "5")
                    .build();
        }
        return internal(request);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        LOG.errorf(e, "request %s failed", requestId.value());
        return internal(request);
    }

    private Response internal(HttpServerRequest request) {
        return build(
                        ProblemType.INTERNAL,
                        500,
                        "the server failed; quote request id " + requestId.value(),
                        null,
                        request)
                .build();
    }

    private Response.ResponseBuilder build(
            ProblemType type, int status, String detail, List<FieldError> errors, HttpServerRequest request) {
        Problem problem =
                new Problem(type.uri(), type.title(), status, detail, request.path(), requestId.value(), errors);
        try {
            return Response.status(status).type(Problem.MEDIA_TYPE).entity(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a problem detail could not be written", e);
        }
    }

    private static String detailOf(WebApplicationException e, int status) {
        if (status == 404) {
            return "no such resource";
        }
        return Objects.requireNonNullElse(
                e.getMessage(),
                Response.Status.fromStatusCode(status) == null
                        ? "HTTP " + status
                        : Response.Status.fromStatusCode(status).getReasonPhrase());
    }

    private static String message(KubernetesClientException e) {
        Status status = e.getStatus();
        return status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    }

    private static List<FieldError> causes(Status status) {
        if (status == null || status.getDetails() == null || status.getDetails().getCauses() == null) {
            return null;
        }
        return status.getDetails().getCauses().stream()
                .map(ProblemMappers::fieldError)
                .toList();
    }

    private static FieldError fieldError(StatusCause cause) {
        String field = cause.getField() == null ? "" : cause.getField();
        return new FieldError(field, Objects.requireNonNullElse(cause.getMessage(), cause.getReason()));
    }
}
