package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Kubernetes JSONPath used by {@code additionalPrinterColumns}: {@code .a.b}, {@code ['a.b']},
 * {@code [0]}, {@code [*]}, {@code .*} and filters {@code [?(@.type=="Ready")]} with {@code ==}, {@code !=} or a bare
 * existence test.
 */
public final class JsonPathLite {

    private JsonPathLite() {}

    public static List<JsonNode> read(JsonNode root, String path) {
        String p = path.trim();
        if (p.startsWith("{") && p.endsWith("}")) {
            p = p.substring(1, p.length() - 1).trim();
        }
        if (p.startsWith("$")) {
            p = p.substring(1);
        }
        List<JsonNode> current = new ArrayList<>();
        if (root != null) {
            current.add(root);
        }
        int i = 0;
        while (i < p.length() && !current.isEmpty()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                String field = p.substring(i + 1, end);
                if (!field.isEmpty()) {
                    current = field.equals("*") ? children(current) : field(current, field);
                }
                i = end;
            } else if (c == '[') {
                int end = closing(p, i);
                String inner = p.substring(i + 1, end).trim();
                current = bracket(current, inner);
                i = end + 1;
            } else {
                int end = i;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                current = field(current, p.substring(i, end));
                i = end;
            }
        }
        List<JsonNode> result = new ArrayList<>();
        for (JsonNode n : current) {
            if (n != null && !n.isMissingNode()) {
                result.add(n);
            }
        }
        return result;
    }

    private static int closing(String p, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < p.length(); i++) {
            char c = p.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '[' || c == '(') {
                depth++;
            } else if (c == ']' || c == ')') {
                depth--;
                if (depth == 0 && c == ']') {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("unclosed [ in JSONPath " + p);
    }

    private static List<JsonNode> bracket(List<JsonNode> current, String inner) {
        if (inner.equals("*")) {
            return children(current);
        }
        if (inner.startsWith("?(") && inner.endsWith(")")) {
            return filter(current, inner.substring(2, inner.length() - 1).trim());
        }
        if ((inner.startsWith("'") && inner.endsWith("'")) || (inner.startsWith("\"") && inner.endsWith("\""))) {
            return field(current, unquote(inner));
        }
        if (inner.matches("-?\\d+")) {
            int index = Integer.parseInt(inner);
            List<JsonNode> out = new ArrayList<>();
            for (JsonNode n : current) {
                if (n.isArray() && n.size() > 0) {
                    int idx = index < 0 ? n.size() + index : index;
                    if (idx >= 0 && idx < n.size()) {
                        out.add(n.get(idx));
                    }
                }
            }
            return out;
        }
        return field(current, inner);
    }

    private static List<JsonNode> filter(List<JsonNode> current, String expression) {
        String op = expression.contains("!=") ? "!=" : expression.contains("==") ? "==" : null;
        String left = op == null
                ? expression
                : expression.substring(0, expression.indexOf(op)).trim();
        String right = op == null
                ? null
                : expression.substring(expression.indexOf(op) + 2).trim();
        String relative = left.startsWith("@") ? left.substring(1) : left;
        String expected = right == null ? null : unquote(right);
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode element : children(current)) {
            List<JsonNode> values = read(element, relative);
            boolean match;
            if (op == null) {
                match = !values.isEmpty()
                        && !values.get(0).isNull()
                        && !(values.get(0).isBoolean() && !values.get(0).asBoolean());
            } else {
                boolean equal = !values.isEmpty() && text(values.get(0)).equals(expected);
                match = op.equals("==") ? equal : !equal;
            }
            if (match) {
                out.add(element);
            }
        }
        return out;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1).replace("\\.", ".");
        }
        return s;
    }

    private static List<JsonNode> field(List<JsonNode> current, String name) {
        String key = name.replace("\\.", ".");
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : current) {
            if (n.isObject() && n.has(key)) {
                out.add(n.get(key));
            }
        }
        return out;
    }

    private static List<JsonNode> children(List<JsonNode> current) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode n : current) {
            if (n.isArray() || n.isObject()) {
                n.elements().forEachRemaining(out::add);
            }
        }
        return out;
    }

    /** How kubectl prints a scalar found by a JSONPath. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
