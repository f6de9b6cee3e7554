package io.neoforge.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error this API answers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem detail (media type application/problem+json).")
public record Problem(
        @Schema(
                description = "URI identifying the kind of problem.",
                examples = "https://neoforge.io/problems/name-taken")
        String type,

        @Schema(description = "Short summary of the kind of problem.", examples = "Tenant name taken")
        String title,

        @Schema(description = "HTTP status code.", examples = "409")
        int status,

        @Schema(
                description = "What went wrong this time, for a person.",
                examples = "tenant name 'acme' is already taken")
        String detail,

        @Schema(description = "The request path this problem occurred on.", examples = "/api/v1/signups")
        String instance,

        @Schema(description = "Request id, also in the X-Request-Id response header and the audit log.")
        String requestId,

        @Schema(description = "The invalid fields, for validation problems.")
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
