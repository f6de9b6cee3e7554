package io.neoforge.platform.audit;

import io.neoforge.platform.auth.Roles;
import io.neoforge.platform.problem.FieldError;
import io.neoforge.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class AuditResource {

    static final int MAX_LIMIT = 1000;

    private final AuditRepository repository;

    public AuditResource(AuditRepository repository) {
        this.repository = repository;
    }

    @GET
    @Operation(summary = "Recent writes, newest first (platform admins only)")
    public List<AuditEntry> list(
            @Parameter(description = "Only writes to this tenant.", example = "acme") @QueryParam("tenant")
                    String tenant,
            @Parameter(description = "At most this many entries (1-1000).", example = "100")
                    @QueryParam("limit")
                    @DefaultValue("100")
                    int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.validation(List.of(new FieldError("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return repository.list(Optional.ofNullable(tenant).filter(t -> !t.isBlank()), limit);
    }
}
