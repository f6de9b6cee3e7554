package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a real API server does with a custom resource on CREATE and UPDATE that Fabric8's mock server does not, for
 * apiextensions.k8s.io/v1 structural schemas (the served version's {@code schema.openAPIV3Schema}):
 * <ol>
 *   <li>defaulting and pruning ({@link SchemaDefaulter}), on the new object and on the old one (the API server
 *   defaults objects read from storage too);</li>
 *   <li>on CREATE, {@code metadata.name} must be a DNS subdomain ({@link ObjectNameValidation});</li>
 *   <li>OpenAPI value validation ({@link SchemaValidator});</li>
 *   <li>CEL rules ({@link CelRules}), skipped when an error above is one the API server treats as blocking (required,
 *   unsupported value, too long, too many, wrong type), in which case the same extra error as the API server's is
 *   added.</li>
 * </ol>
 *
 * <p>A refusal is {@code 422 Invalid}: {@link AdmissionResult#causes()} holds each error as the API server prints it
 * ({@code spec.plan: Required value}); {@link AdmissionResult#message()} is their aggregate (the single error, or
 * {@code [e1, e2]}) to which the caller prefixes {@code <Kind>.<group> "<name>" is invalid: }. The object of the
 * result is the defaulted, pruned copy (the input is not modified).
 */
public final class SchemaAdmission implements AdmissionHook {

    /** Detail of the error the API server adds when blocking errors stop CEL evaluation. */
    static final String CEL_NOT_CHECKED = "some validation rules were not checked because the object was invalid; "
            + "correct the existing errors to complete validation";

    @Override
    public AdmissionResult admit(
            String operation, CustomResourceDefinition crd, ObjectNode newObject, ObjectNode oldObjectOrNull) {
        boolean update = "UPDATE".equalsIgnoreCase(operation);
        ObjectNode object = newObject.deepCopy();
        CustomResourceDefinitionVersion version = version(crd, object);
        if (version == null) {
            String apiVersion = text(object, "apiVersion");
            return new AdmissionResult(
                    false,
                    object,
                    404,
                    "NotFound",
                    "the server could not find the requested resource (version " + apiVersion + " of "
                            + crd.getMetadata().getName() + " is not served)",
                    List.of());
        }
        JSONSchemaProps schema =
                version.getSchema() != null ? version.getSchema().getOpenAPIV3Schema() : null;
        if (schema == null) {
            return allowed(object);
        }
        SchemaDefaulter.apply(object, schema);
        ObjectNode old = null;
        if (update && oldObjectOrNull != null) {
            old = oldObjectOrNull.deepCopy();
            SchemaDefaulter.apply(old, schema);
        }
        List<FieldError> errors = validate(object, old, schema, update);
        if (errors.isEmpty()) {
            return allowed(object);
        }
        List<String> causes = errors.stream().map(FieldError::toString).toList();
        return new AdmissionResult(false, object, 422, "Invalid", aggregate(causes), causes);
    }

    /**
     * Defaulting and pruning only, as the API server applies them to objects it reads from storage; returns a copy.
     */
    public ObjectNode defaulted(CustomResourceDefinition crd, ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        CustomResourceDefinitionVersion version = version(crd, copy);
        if (version != null
                && version.getSchema() != null
                && version.getSchema().getOpenAPIV3Schema() != null) {
            SchemaDefaulter.apply(copy, version.getSchema().getOpenAPIV3Schema());
        }
        return copy;
    }

    /** All errors of an already defaulted object, in the API server's order. */
    static List<FieldError> validate(ObjectNode object, ObjectNode old, JSONSchemaProps schema, boolean update) {
        List<FieldError> errors = new ArrayList<>();
        if (!update) {
            errors.addAll(ObjectNameValidation.validate(object));
        }
        errors.addAll(SchemaValidator.validate(object, schema, update ? old : null));
        if (errors.stream().anyMatch(e -> e.type().blocksCel())) {
            errors.add(FieldError.invalid("", null, CEL_NOT_CHECKED));
        } else {
            errors.addAll(CelRules.validate(object, schema, update ? old : null));
        }
        return errors;
    }

    /** {@code utilerrors.NewAggregate(errs).Error()}: one error as is, several as {@code [a, b]}. */
    public static String aggregate(List<String> causes) {
        List<String> distinct = causes.stream().distinct().toList();
        if (distinct.size() == 1) {
            return distinct.get(0);
        }
        return distinct.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** The version named by the object's apiVersion if served; the storage version when apiVersion has none. */
    static CustomResourceDefinitionVersion version(CustomResourceDefinition crd, ObjectNode object) {
        List<CustomResourceDefinitionVersion> versions = crd.getSpec().getVersions();
        String apiVersion = text(object, "apiVersion");
        if (apiVersion != null && apiVersion.contains("/")) {
            String name = apiVersion.substring(apiVersion.indexOf('/') + 1);
            return versions.stream()
                    .filter(v -> name.equals(v.getName()) && !Boolean.FALSE.equals(v.getServed()))
                    .findFirst()
                    .orElse(null);
        }
        return versions.stream()
                .filter(v -> Boolean.TRUE.equals(v.getStorage()))
                .findFirst()
                .orElse(versions.isEmpty() ? null : versions.get(0));
    }

    private static AdmissionResult allowed(ObjectNode object) {
        return new AdmissionResult(true, object, 200, null, null, List.of());
    }

    private static String text(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
