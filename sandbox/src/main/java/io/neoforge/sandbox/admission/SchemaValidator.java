package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * OpenAPI v3 value validation of a custom resource against its structural schema, with the API server's error
 * wording (kube-openapi's validator, converted by {@code apiservervalidation.ValidateCustomResource}).
 *
 * <p>On UPDATE, unchanged values are not re-validated (validation ratcheting, on by default since Kubernetes 1.30):
 * a subtree equal to its correlated old value reports no errors. Old values are correlated through object properties,
 * map values and {@code x-kubernetes-list-type: map} lists.
 */
public final class SchemaValidator {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SchemaValidator() {}

    /** Validates {@code resource} (already defaulted and pruned); {@code oldResource} is null on CREATE. */
    public static List<FieldError> validate(ObjectNode resource, JSONSchemaProps rootSchema, ObjectNode oldResource) {
        List<FieldError> errors = new ArrayList<>();
        validate(resource, oldResource, rootSchema, "", true, errors);
        return errors;
    }

    static void validate(
            JsonNode v, JsonNode old, JSONSchemaProps s, String path, boolean resourceRoot, List<FieldError> errs) {
        if (s == null || v == null) {
            return;
        }
        if (old != null && JsonValues.equal(v, old)) {
            return; // ratcheting: an unchanged value keeps whatever it was
        }
        String name = path; // go-openapi's name used in "<name> in body ..." details
        String actual = JsonValues.typeOf(v);
        if (v.isNull()) {
            if (!SchemaDefaulter.isTrue(s.getNullable())) {
                String expected = expectedType(s);
                if (expected != null) {
                    errs.add(FieldError.typeInvalid(
                            path, null, name + " in body must be of type " + expected + ": \"null\""));
                }
            }
            return;
        }
        if (!typeMatches(s, actual)) {
            errs.add(FieldError.typeInvalid(
                    path, actual, name + " in body must be of type " + expectedType(s) + ": \"" + actual + "\""));
            return;
        }
        if (s.getAllOf() != null) {
            for (JSONSchemaProps sub : s.getAllOf()) {
                validateValueOnly(v, sub, path, errs);
            }
        }
        if (v.isTextual()) {
            validateString(v.textValue(), s, path, name, errs);
        }
        if (v.isNumber()) {
            validateNumber(v, s, path, name, errs);
        }
        if (v instanceof ArrayNode arr) {
            validateArray(arr, old instanceof ArrayNode oldArr ? oldArr : null, s, path, name, errs);
        }
        validateEnum(v, s, path, errs);
        if (v instanceof ObjectNode obj) {
            validateObject(obj, old instanceof ObjectNode oldObj ? oldObj : null, s, path, resourceRoot, errs);
        }
    }

    /** allOf members: value validations only (structural schemas keep the structure at the outer level). */
    private static void validateValueOnly(JsonNode v, JSONSchemaProps s, String path, List<FieldError> errs) {
        if (v.isTextual()) {
            validateString(v.textValue(), s, path, path, errs);
        }
        if (v.isNumber()) {
            validateNumber(v, s, path, path, errs);
        }
        validateEnum(v, s, path, errs);
    }

    private static void validateString(
            String value, JSONSchemaProps s, String path, String name, List<FieldError> errs) {
        int length = value.codePointCount(0, value.length());
        if (s.getMaxLength() != null && length > s.getMaxLength()) {
            errs.add(FieldError.tooLong(path, s.getMaxLength()));
        }
        if (s.getMinLength() != null && length < s.getMinLength()) {
            errs.add(FieldError.invalid(
                    path, value, name + " in body should be at least " + s.getMinLength() + " chars long"));
        }
        if (s.getPattern() != null && !matches(s.getPattern(), value)) {
            errs.add(FieldError.invalid(path, value, name + " in body should match '" + s.getPattern() + "'"));
        }
    }

    private static void validateNumber(JsonNode v, JSONSchemaProps s, String path, String name, List<FieldError> errs) {
        BigDecimal value = v.decimalValue();
        Object shown = JsonValues.isInteger(v) ? (Object) v.longValue() : (Object) v.doubleValue();
        if (s.getMultipleOf() != null && s.getMultipleOf() > 0) {
            BigDecimal m = BigDecimal.valueOf(s.getMultipleOf());
            if (value.remainder(m).compareTo(BigDecimal.ZERO) != 0) {
                errs.add(FieldError.invalid(
                        path,
                        shown,
                        name + " in body should be a multiple of " + FieldError.formatNumber(s.getMultipleOf())));
            }
        }
        if (s.getMaximum() != null) {
            int c = value.compareTo(BigDecimal.valueOf(s.getMaximum()));
            boolean exclusive = SchemaDefaulter.isTrue(s.getExclusiveMaximum());
            if (exclusive ? c >= 0 : c > 0) {
                errs.add(FieldError.invalid(
                        path,
                        shown,
                        name + " in body should be less than " + (exclusive ? "" : "or equal to ")
                                + FieldError.formatNumber(s.getMaximum())));
            }
        }
        if (s.getMinimum() != null) {
            int c = value.compareTo(BigDecimal.valueOf(s.getMinimum()));
            boolean exclusive = SchemaDefaulter.isTrue(s.getExclusiveMinimum());
            if (exclusive ? c <= 0 : c < 0) {
                errs.add(FieldError.invalid(
                        path,
                        shown,
                        name + " in body should be greater than " + (exclusive ? "" : "or equal to ")
                                + FieldError.formatNumber(s.getMinimum())));
            }
        }
    }

    private static void validateArray(
            ArrayNode arr, ArrayNode old, JSONSchemaProps s, String path, String name, List<FieldError> errs) {
        JSONSchemaProps items = SchemaDefaulter.itemsSchema(s);
        if (items != null) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode oldItem = JsonValues.correlateListItem(arr.get(i), old, s);
                validate(arr.get(i), oldItem, items, path + "[" + i + "]", false, errs);
            }
        }
        if (s.getMinItems() != null && arr.size() < s.getMinItems()) {
            errs.add(FieldError.invalid(
                    path, (long) arr.size(), name + " in body should have at least " + s.getMinItems() + " items"));
        }
        if (s.getMaxItems() != null && arr.size() > s.getMaxItems()) {
            errs.add(FieldError.tooMany(path, arr.size(), s.getMaxItems()));
        }
        if (SchemaDefaulter.isTrue(s.getUniqueItems())) {
            for (int i = 0; i < arr.size(); i++) {
                for (int j = 0; j < i; j++) {
                    if (JsonValues.equal(arr.get(i), arr.get(j))) {
                        errs.add(FieldError.invalid(
                                path, FieldError.OMIT, name + " in body shouldn't contain duplicates"));
                        return;
                    }
                }
            }
        }
    }

    private static void validateEnum(JsonNode v, JSONSchemaProps s, String path, List<FieldError> errs) {
        List<JsonNode> allowed = s.getEnum();
        if (allowed == null || allowed.isEmpty()) {
            return;
        }
        for (JsonNode a : allowed) {
            if (JsonValues.equal(a, v)) {
                return;
            }
        }
        List<String> values = new ArrayList<>();
        for (JsonNode a : allowed) {
            values.add(a.isTextual() ? a.textValue() : a.toString());
        }
        errs.add(FieldError.notSupported(path, v, values));
    }

    private static void validateObject(
            ObjectNode obj,
            ObjectNode old,
            JSONSchemaProps s,
            String path,
            boolean resourceRoot,
            List<FieldError> errs) {
        Map<String, JSONSchemaProps> props = s.getProperties();
        JSONSchemaProps additional = SchemaDefaulter.additionalSchema(s);
        if (s.getMaxProperties() != null && obj.size() > s.getMaxProperties()) {
            errs.add(FieldError.tooMany(path, obj.size(), s.getMaxProperties()));
            return;
        }
        if (s.getMinProperties() != null && obj.size() < s.getMinProperties()) {
            errs.add(FieldError.invalid(
                    path,
                    (long) obj.size(),
                    path + " in body should have at least " + s.getMinProperties() + " properties"));
            return;
        }
        if (additional != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (props != null && props.containsKey(e.getKey())) {
                    continue;
                }
                JsonNode oldValue = old != null ? old.get(e.getKey()) : null;
                validate(e.getValue(), oldValue, additional, child(path, e.getKey()), false, errs);
            }
        }
        if (props != null) {
            for (Map.Entry<String, JSONSchemaProps> e : props.entrySet()) {
                if (resourceRoot && "metadata".equals(e.getKey())) {
                    continue; // ObjectMeta is validated by the API machinery, not by the CRD schema
                }
                JsonNode value = obj.get(e.getKey());
                if (value != null) {
                    JsonNode oldValue = old != null ? old.get(e.getKey()) : null;
                    validate(value, oldValue, e.getValue(), child(path, e.getKey()), false, errs);
                }
            }
        }
        if (s.getRequired() != null) {
            for (String k : s.getRequired()) {
                if (!obj.has(k)) {
                    errs.add(FieldError.required(child(path, k), ""));
                }
            }
        }
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean matches(String pattern, String value) {
        Pattern p = PATTERNS.computeIfAbsent(pattern, k -> {
            try {
                return Pattern.compile(k);
            } catch (PatternSyntaxException e) {
                return null;
            }
        });
        return p == null || p.matcher(value).find();
    }

    private static boolean typeMatches(JSONSchemaProps s, String actual) {
        if (SchemaDefaulter.isTrue(s.getXKubernetesIntOrString())) {
            return "integer".equals(actual) || "string".equals(actual);
        }
        String t = s.getType();
        if (t == null || t.isEmpty()) {
            return true;
        }
        return t.equals(actual) || ("number".equals(t) && "integer".equals(actual));
    }

    private static String expectedType(JSONSchemaProps s) {
        if (SchemaDefaulter.isTrue(s.getXKubernetesIntOrString())) {
            return "integer,string";
        }
        return s.getType() == null || s.getType().isEmpty() ? null : s.getType();
    }
}
