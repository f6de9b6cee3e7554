package io.neoforge.platform.signup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.neoforge.platform.http.ClientAddress;
import io.neoforge.platform.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/signups")
@Tag(name = "Signup", description = "Public self-service signup.")
@PermitAll
public class SignupResource {

    static final String IDEMPOTENCY_SCOPE = "POST /api/v1/signups";

    private final SignupService signups;
    private final SignupRateLimiter rateLimiter;
    private final IdempotentResponses idempotency;
    private final ClientAddress clientAddress;
    private final ObjectMapper json;

    public SignupResource(
            SignupService signups,
            SignupRateLimiter rateLimiter,
            IdempotentResponses idempotency,
            ClientAddress clientAddress,
            ObjectMapper json) {
        this.signups = signups;
        this.rateLimiter = rateLimiter;
        this.idempotency = idempotency;
        this.clientAddress = clientAddress;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Sign up a new tenant",
            description = "Creates the Tenant; the operator provisions it. "
                    + "Follow its status at the returned URL. Rate-limited per client address.")
    @RequestBody(required = true, content = @Content(examples = @ExampleObject(name = "acme", value = """
            {"name": "acme", "displayName": "Acme Corporation", "adminEmail": "alice@acme.example", "plan": "starter"}""")))
    @APIResponse(
            responseCode = "202",
            description = "Accepted; provisioning has started.",
            headers = @Header(name = "Location", description = "The tenant's status URL."),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SignupAccepted.class)))
    @APIResponse(
            responseCode = "409",
            description = "Name taken or reserved, or the Idempotency-Key's first request is " + "still running.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields, unknown plan, or an Idempotency-Key reused for a " + "different request.",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid name", value = """
                    {"type": "https://neoforge.io/problems/validation", "title": "Request is not valid", "status": 422,
                     "detail": "name: a tenant name must be 3 to 40 characters long", "instance": "/api/v1/signups",
                     "errors": [{"field": "name", "message": "a tenant name must be 3 to 40 characters long"}]}""")))
    @APIResponse(
            responseCode = "429",
            description = "Too many signups from this address.",
            headers = @Header(name = "Retry-After", description = "Seconds until the next signup is allowed."),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response signup(
            @Parameter(
                            description = "Makes retries safe: the same key and body answer the first response again.",
                            example = "5f0c6a3e-2b7c-4d7a-9a53-0d3c1f7e9b21")
                    @HeaderParam(IdempotentResponses.HEADER)
                    String key,
            SignupRequest request,
            @Context UriInfo uri) {
        rateLimiter.acquire(clientAddress.value());
        if (key == null) {
            return toResponse(accept(request, uri));
        }
        return idempotency.execute(IDEMPOTENCY_SCOPE, key, request, () -> accept(request, uri));
    }

    private IdempotentResponses.StoredResponse accept(SignupRequest request, UriInfo uri) {
        SignupAccepted accepted = signups.signup(
                request,
                name -> uri.getBaseUriBuilder().path("api/v1/tenants/{name}").build(name));
        try {
            return new IdempotentResponses.StoredResponse(202, accepted.statusUrl(), json.writeValueAsString(accepted));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response toResponse(IdempotentResponses.StoredResponse stored) {
        return Response.status(stored.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Location", stored.location())
                .entity(stored.body())
                .build();
    }
}
