package io.neoforge.platform.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import io.neoforge.api.v1alpha1.tenant.Branding;
import io.neoforge.api.v1alpha1.tenant.TenantAdmin;
import io.neoforge.api.v1alpha1.tenant.TenantSpec;
import io.neoforge.platform.problem.FieldError;
import io.neoforge.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A JSON merge patch (RFC 7386) of the fields a tenant may change itself: displayName, admins, branding, suspended.
 * Shapes are checked here; the values' rules (lengths, patterns) are the CRD schema's, enforced by the API server.
 */
public final class TenantPatch {

    private static final Set<String> FIELDS = Set.of("displayName", "admins", "branding", "suspended");
    private static final Set<String> BRANDING_FIELDS = Set.of("primaryColor", "logoUrl", "supportEmail");

    private final List<Consumer<TenantSpec>> edits = new ArrayList<>();
    private final Map<String, Object> changes = new LinkedHashMap<>();

    private TenantPatch() {}

    public static TenantPatch parse(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError(
                    "",
                    "a JSON object with at least one of " + "displayName, admins, branding, suspended is required")));
        }
        TenantPatch patch = new TenantPatch();
        List<FieldError> errors = new ArrayList<>();
        body.fields().forEachRemaining(field -> patch.read(field.getKey(), field.getValue(), errors));
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return patch;
    }

    public void applyTo(TenantSpec spec) {
        edits.forEach(edit -> edit.accept(spec));
    }

    /** What the patch sets, for the audit log. */
    public Map<String, Object> changes() {
        return changes;
    }

    private void read(String name, JsonNode value, List<FieldError> errors) {
        if (!FIELDS.contains(name)) {
            errors.add(new FieldError(
                    name,
                    "cannot be changed here; changeable: "
                            + String.join(", ", FIELDS.stream().sorted().toList())));
            return;
        }
        switch (name) {
            case "displayName" -> readDisplayName(value, errors);
            case "admins" -> readAdmins(value, errors);
            case "branding" -> readBranding(value, errors);
            case "suspended" -> readSuspended(value, errors);
            default -> throw new IllegalStateException(name);
        }
    }

    private void readDisplayName(JsonNode value, List<FieldError> errors) {
        if (!value.isNull() && !value.isTextual()) {
            errors.add(new FieldError("displayName", "must be a string or null"));
            return;
        }
        String displayName = value.isNull() ? null : value.textValue();
        edits.add(spec -> spec.setDisplayName(displayName));
        changes.put("displayName", displayName);
    }

    private void readAdmins(JsonNode value, List<FieldError> errors) {
        if (!value.isArray()) {
            errors.add(new FieldError("admins", "must be an array of {kind, name}"));
            return;
        }
        List<TenantAdmin> admins = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode admin = value.get(i);
            String field = "admins[" + i + "]";
            JsonNode adminName = admin.path("name");
            if (!adminName.isTextual() || adminName.textValue().isBlank()) {
                errors.add(new FieldError(field + ".name", "is required"));
                continue;
            }
            String kind = admin.path("kind").asText("User");
            if (!kind.equals("User") && !kind.equals("Group")) {
                errors.add(new FieldError(field + ".kind", "must be User or Group"));
                continue;
            }
            admins.add(new TenantAdmin(TenantAdmin.Kind.valueOf(kind), adminName.textValue()));
        }
        edits.add(spec -> spec.setAdmins(admins));
        changes.put(
                "admins",
                admins.stream().map(a -> a.getKind() + ":" + a.getName()).toList());
    }

    private void readBranding(JsonNode value, List<FieldError> errors) {
        if (!value.isObject()) {
            errors.add(new FieldError("branding", "must be an object"));
            return;
        }
        Map<String, String> set = new LinkedHashMap<>();
        value.fields().forEachRemaining(field -> {
            String path = "branding." + field.getKey();
            if (!BRANDING_FIELDS.contains(field.getKey())) {
                errors.add(new FieldError(path, "unknown; known: primaryColor, logoUrl, supportEmail"));
            } else if (!field.getValue().isNull() && !field.getValue().isTextual()) {
                errors.add(new FieldError(path, "must be a string or null"));
            } else {
                set.put(
                        field.getKey(),
                        field.getValue().isNull() ? null : field.getValue().textValue());
            }
        });
        edits.add(spec -> {
            Branding branding = spec.getBranding() == null ? new Branding() : spec.getBranding();
            set.forEach((key, v) -> {
                switch (key) {
                    case "primaryColor" -> branding.setPrimaryColor(v);
                    case "logoUrl" -> branding.setLogoUrl(v);
                    case "supportEmail" -> branding.setSupportEmail(v);
                    default -> throw new IllegalStateException(key);
                }
            });
            spec.setBranding(branding);
        });
        set.forEach((key, v) -> changes.put("branding." + key, v));
    }

    private void readSuspended(JsonNode value, List<FieldError> errors) {
        if (!value.isBoolean()) {
            errors.add(new FieldError("suspended", "must be true or false"));
            return;
        }
        boolean suspended = value.booleanValue();
        edits.add(spec -> spec.setSuspended(suspended));
        changes.put("suspended", suspended);
    }
}
