package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The API server's check of a custom resource's {@code metadata.name} on CREATE
 * ({@code ValidateObjectMetaAccessor} with {@code NameIsDNSSubdomain}): a lowercase RFC 1123 subdomain of at most 253
 * characters, or absent when {@code generateName} is set.
 */
public final class ObjectNameValidation {

    static final String DNS1123_SUBDOMAIN_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN_FMT + "$");
    static final String DNS1123_SUBDOMAIN_ERROR = "a lowercase RFC 1123 subdomain must consist of lower case "
            + "alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
            + "'example.com', regex used for validation is '" + DNS1123_SUBDOMAIN_FMT + "')";
    static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

    private ObjectNameValidation() {}

    /** Errors for {@code metadata.name} of a new object. */
    public static List<FieldError> validate(ObjectNode resource) {
        List<FieldError> errs = new ArrayList<>();
        JsonNode metadata = resource.get("metadata");
        String name = text(metadata, "name");
        String generateName = text(metadata, "generateName");
        if (name == null || name.isEmpty()) {
            if (generateName == null || generateName.isEmpty()) {
                errs.add(FieldError.required("metadata.name", "name or generateName is required"));
            }
            return errs;
        }
        for (String msg : isDns1123Subdomain(name)) {
            errs.add(FieldError.invalid("metadata.name", name, msg));
        }
        return errs;
    }

    /** Why a name is not a DNS subdomain (empty when it is one). */
    public static List<String> nameErrors(String name) {
        return isDns1123Subdomain(name);
    }

    /** {@code validation.IsDNS1123Subdomain}. */
    static List<String> isDns1123Subdomain(String value) {
        List<String> msgs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX_LENGTH) {
            msgs.add("must be no more than " + DNS1123_SUBDOMAIN_MAX_LENGTH + " characters");
        }
        if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
            msgs.add(DNS1123_SUBDOMAIN_ERROR);
        }
        return msgs;
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
