package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation error, rendered exactly like {@code k8s.io/apimachinery/pkg/util/validation/field.Error#Error()}:
 * {@code <field>: <type>[: <value>][: <detail>]}. The root path renders as {@code <nil>}, as a nil
 * {@code *field.Path} does in the API server.
 */
public record FieldError(Type type, String field, Object badValue, String detail) {

    /** The value is not printed (Go's {@code omitValue}). */
    public static final Object OMIT = new Object();

    /** Go's {@code field.ErrorType}; {@link #TYPE_INVALID} prints like INVALID but blocks CEL evaluation. */
    public enum Type {
        NOT_FOUND("Not found"),
        REQUIRED("Required value"),
        DUPLICATE("Duplicate value"),
        INVALID("Invalid value"),
        TYPE_INVALID("Invalid value"),
        NOT_SUPPORTED("Unsupported value"),
        FORBIDDEN("Forbidden"),
        TOO_LONG("Too long"),
        TOO_MANY("Too many"),
        INTERNAL("Internal error");

        final String text;

        Type(String text) {
            this.text = text;
        }

        /** Errors after which the API server does not evaluate CEL rules ({@code hasBlockingErr}). */
        boolean blocksCel() {
            return this == NOT_SUPPORTED
                    || this == REQUIRED
                    || this == TOO_LONG
                    || this == TOO_MANY
                    || this == TYPE_INVALID;
        }
    }

    public static FieldError required(String field, String detail) {
        return new FieldError(Type.REQUIRED, field, OMIT, detail);
    }

    public static FieldError invalid(String field, Object value, String detail) {
        return new FieldError(Type.INVALID, field, value, detail);
    }

    public static FieldError typeInvalid(String field, Object value, String detail) {
        return new FieldError(Type.TYPE_INVALID, field, value, detail);
    }

    public static FieldError forbidden(String field, String detail) {
        return new FieldError(Type.FORBIDDEN, field, OMIT, detail);
    }

    public static FieldError duplicate(String field, Object value) {
        return new FieldError(Type.DUPLICATE, field, value, "");
    }

    public static FieldError notSupported(String field, Object value, List<String> validValues) {
        String detail = validValues.isEmpty()
                ? ""
                : "supported values: "
                        + validValues.stream().map(FieldError::goQuote).collect(Collectors.joining(", "));
        return new FieldError(Type.NOT_SUPPORTED, field, value, detail);
    }

    /** Kubernetes 1.32+ wording of {@code field.TooLong}. */
    public static FieldError tooLong(String field, long maxLength) {
        String detail = maxLength >= 0
                ? "may not be more than " + maxLength + (maxLength == 1 ? " byte" : " bytes")
                : "value is too long";
        return new FieldError(Type.TOO_LONG, field, OMIT, detail);
    }

    public static FieldError tooMany(String field, long actual, long max) {
        String detail = max >= 0 ? "must have at most " + max + (max == 1 ? " item" : " items") : "has too many items";
        return new FieldError(Type.TOO_MANY, field, actual >= 0 ? (Object) actual : OMIT, detail);
    }

    /** The field path as the API server prints it: {@code <nil>} for the root. */
    public String fieldString() {
        return field == null || field.isEmpty() ? "<nil>" : field;
    }

    /** The error without its field path: {@code field.Error#ErrorBody()}. */
    public String body() {
        String s;
        if (type == Type.REQUIRED
                || type == Type.FORBIDDEN
                || type == Type.TOO_LONG
                || type == Type.INTERNAL
                || badValue == OMIT) {
            s = type.text;
        } else {
            s = type.text + ": " + renderValue(badValue);
        }
        if (detail != null && !detail.isEmpty()) {
            s += ": " + detail;
        }
        return s;
    }

    @Override
    public String toString() {
        return fieldString() + ": " + body();
    }

    /** Go's {@code %v} for simple types, {@code %q} for strings, "null" (quoted) for nil. */
    static String renderValue(Object value) {
        if (value instanceof JsonNode node) {
            value = node.isNull() || node.isMissingNode()
                    ? null
                    : node.isTextual()
                            ? node.textValue()
                            : node.isIntegralNumber()
                                    ? (Object) node.longValue()
                                    : node.isNumber()
                                            ? (Object) node.doubleValue()
                                            : node.isBoolean() ? (Object) node.booleanValue() : node;
        }
        if (value == null) {
            return goQuote("null");
        }
        if (value instanceof String str) {
            return goQuote(str);
        }
        if (value instanceof Double || value instanceof Float) {
            return formatNumber(((Number) value).doubleValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        // Go prints maps and slices with %#v; JSON is the readable equivalent.
        return String.valueOf(value);
    }

    /** Go's {@code %v} of a float64: integral values without a fraction, others shortest. */
    static String formatNumber(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.contains("E")) {
            // Go: 1e+21, 1.5e-07
            String[] parts = s.split("E");
            String mant = parts[0].endsWith(".0") ? parts[0].substring(0, parts[0].length() - 2) : parts[0];
            int exp = Integer.parseInt(parts[1]);
            return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return s;
    }

    /** Go's {@code strconv.Quote} for the characters that matter here. */
    static String goQuote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }
}
