package io.neoforge.platform.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoforge.platform.auth.Roles;
import io.neoforge.platform.problem.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Tenants",
        description = "Read and change tenants. A tenant-admin token sees only its own tenant; "
                + "any other tenant answers 404.")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN})
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TenantResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final TenantService tenants;

    public TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @GET
    @Operation(summary = "Tenants the caller may see, by name")
    public List<TenantView> list() {
        return tenants.visibleTenants().stream().map(TenantView::of).toList();
    }

    @GET
    @Path("{name}")
    @Operation(summary = "One tenant: phase, conditions, URL, plan")
    @APIResponse(responseCode = "200", description = "The tenant.")
    @APIResponse(
            responseCode = "404",
            description = "No such tenant, or not the caller's.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView get(@Parameter(example = "acme") @PathParam("name") String name) {
        return TenantView.of(tenants.get(name));
    }

    @PUT
    @Path("{name}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a tenant to another plan")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "pro", value = "{\"plan\": \"pro\"}")))
    @APIResponse(responseCode = "200", description = "The tenant, on its new plan (the operator applies it shortly).")
    @APIResponse(
            responseCode = "422",
            description = "Unknown plan.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView changePlan(@Parameter(example = "acme") @PathParam("name") String name, PlanChange change) {
        return TenantView.of(tenants.changePlan(name, change));
    }

    @PATCH
    @Path("{name}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change display name, admins, branding or suspension (JSON merge patch)")
    @RequestBody(
            content =
                    @Content(
                            schema = @Schema(implementation = TenantPatchSchema.class),
                            examples = {
                                @ExampleObject(name = "rename", value = "{\"displayName\": \"Acme Inc.\"}"),
                                @ExampleObject(name = "suspend", value = "{\"suspended\": true}"),
                                @ExampleObject(
                                        name = "branding",
                                        value = "{\"branding\": {\"primaryColor\": \"#0a66c2\"}}"),
                                @ExampleObject(
                                        name = "admins",
                                        value = "{\"admins\": [{\"kind\": \"User\", \"name\": \"bob@acme.example\"}]}")
                            }))
    @APIResponse(responseCode = "200", description = "The changed tenant.")
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TenantView update(@Parameter(example = "acme") @PathParam("name") String name, JsonNode patch) {
        return TenantView.of(tenants.update(name, TenantPatch.parse(patch)));
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a tenant (the operator tears it down)")
    @APIResponse(responseCode = "202", description = "Deletion started.")
    @APIResponse(
            responseCode = "409",
            description = "The tenant is deletion-protected.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response delete(@Parameter(example = "acme") @PathParam("name") String name) {
        tenants.delete(name);
        return Response.accepted().build();
    }
}
