package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluation of {@code x-kubernetes-validations} (CEL) rules with Google's CEL-Java, following the API server: every
 * rule runs at its schema node with {@code self} bound to the node's value; at the resource root {@code self} also
 * holds {@code apiVersion}, {@code kind} and {@code metadata.name}/{@code metadata.generateName}. A rule that
 * references {@code oldSelf} (a transition rule) runs only on UPDATE and only where an old value correlates (object
 * properties, map values, {@code x-kubernetes-list-type: map} items), unless {@code optionalOldSelf} is true, in which
 * case {@code oldSelf} is a CEL optional. Errors of rules that do not use {@code oldSelf} are ratcheted: an unchanged
 * value does not fail on UPDATE.
 *
 * <p>Values are bound dynamically (objects as maps): rules are not type-checked against the schema as the API server
 * does when the CRD is created, so a rule referencing a field the schema lacks fails at evaluation, not at CRD
 * creation.
 */
public final class CelRules {

    private static final CelOptions OPTIONS =
            CelOptions.current().enableHeterogeneousNumericComparisons(true).build();

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addVar("oldSelf", SimpleType.DYN)
            .addLibraries(
                    CelExtensions.strings(),
                    CelExtensions.optional(),
                    CelExtensions.sets(OPTIONS),
                    CelExtensions.lists(),
                    CelExtensions.regex())
            .build();

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(OPTIONS)
            .addLibraries(
                    CelExtensions.strings(),
                    CelExtensions.optional(),
                    CelExtensions.sets(OPTIONS),
                    CelExtensions.lists(),
                    CelExtensions.regex())
            .build();

    private static final Map<String, Compiled> CACHE = new ConcurrentHashMap<>();

    private static final Pattern NO_SUCH_KEY = Pattern.compile("key '([^']*)' is not present in map");

    /** A compiled expression, or the reason it did not compile. */
    record Compiled(CelRuntime.Program program, boolean usesOldSelf, String error) {}

    private CelRules() {}

    /** Evaluates every rule of the schema against {@code resource}; {@code oldResource} is null on CREATE. */
    public static List<FieldError> validate(ObjectNode resource, JSONSchemaProps rootSchema, ObjectNode oldResource) {
        List<FieldError> errors = new ArrayList<>();
        walk(
                resource,
                oldResource,
                rootSchema,
                "",
                true,
                oldResource != null,
                oldResource != null && JsonValues.equal(resource, oldResource),
                errors);
        return errors;
    }

    /** Compiles (and caches) a rule; visible for tests and for CRD checks. */
    static Compiled compile(String expression) {
        return CACHE.computeIfAbsent(expression, CelRules::doCompile);
    }

    private static Compiled doCompile(String expression) {
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(expression).getAst();
            boolean usesOldSelf = CelNavigableAst.fromAst(ast)
                    .getRoot()
                    .allNodes()
                    .anyMatch(n -> n.expr().getKind() == CelExpr.ExprKind.Kind.IDENT
                            && "oldSelf".equals(n.expr().ident().name()));
            return new Compiled(RUNTIME.createProgram(ast), usesOldSelf, null);
        } catch (CelValidationException | CelEvaluationException e) {
            return new Compiled(null, false, e.getMessage());
        } catch (RuntimeException e) {
            return new Compiled(null, false, String.valueOf(e.getMessage()));
        }
    }

    /**
     * @param correlated whether {@code old} is the correlated old value of this node (UPDATE only)
     * @param unchanged  whether this node, or its nearest correlatable ancestor, equals its old value (ratcheting)
     */
    private static void walk(
            JsonNode v,
            JsonNode old,
            JSONSchemaProps s,
            String path,
            boolean root,
            boolean correlated,
            boolean unchanged,
            List<FieldError> errs) {
        if (s == null || v == null || v.isNull()) {
            return; // only non-null values are validated
        }
        if (old != null && old.isNull()) {
            old = null;
        }
        List<ValidationRule> rules = s.getXKubernetesValidations();
        if (rules != null && !rules.isEmpty()) {
            evaluateRules(v, old, s, path, root, unchanged, rules, errs);
        }
        if (s.getAllOf() != null) {
            for (JSONSchemaProps sub : s.getAllOf()) {
                List<ValidationRule> subRules = sub.getXKubernetesValidations();
                if (subRules != null && !subRules.isEmpty()) {
                    evaluateRules(v, old, sub, path, root, false, subRules, errs);
                }
            }
        }
        if (v instanceof ObjectNode obj) {
            ObjectNode oldObj = old instanceof ObjectNode o ? o : null;
            boolean granular = !"atomic".equals(s.getXKubernetesMapType());
            Map<String, JSONSchemaProps> props = s.getProperties();
            JSONSchemaProps additional = SchemaDefaulter.additionalSchema(s);
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (root && ("metadata".equals(k) || "apiVersion".equals(k) || "kind".equals(k))) {
                    continue;
                }
                JsonNode oldV = granular && oldObj != null ? oldObj.get(k) : null;
                boolean childUnchanged = oldV != null ? JsonValues.equal(e.getValue(), oldV) : unchanged;
                if (props != null && props.containsKey(k)) {
                    walk(e.getValue(), oldV, props.get(k), child(path, k), false, oldV != null, childUnchanged, errs);
                } else if (additional != null) {
                    walk(
                            e.getValue(),
                            oldV,
                            additional,
                            path + "[" + k + "]",
                            false,
                            oldV != null,
                            childUnchanged,
                            errs);
                }
            }
        } else if (v instanceof ArrayNode arr) {
            JSONSchemaProps items = SchemaDefaulter.itemsSchema(s);
            ArrayNode oldArr = old instanceof ArrayNode a ? a : null;
            for (int i = 0; i < arr.size(); i++) {
                JsonNode oldItem = JsonValues.correlateListItem(arr.get(i), oldArr, s);
                boolean childUnchanged = oldItem != null ? JsonValues.equal(arr.get(i), oldItem) : unchanged;
                walk(arr.get(i), oldItem, items, path + "[" + i + "]", false, oldItem != null, childUnchanged, errs);
            }
        }
    }

    private static void evaluateRules(
            JsonNode v,
            JsonNode old,
            JSONSchemaProps s,
            String path,
            boolean root,
            boolean unchanged,
            List<ValidationRule> rules,
            List<FieldError> errs) {
        String type = s.getType() == null ? "" : s.getType();
        Object self = toCel(v, s, root);
        Object oldSelf = old != null ? toCel(old, s, root) : null;
        for (ValidationRule rule : rules) {
            if (rule.getRule() == null || rule.getRule().isBlank()) {
                continue;
            }
            Compiled compiled = compile(rule.getRule());
            if (compiled.error() != null) {
                errs.add(FieldError.invalid(path, type, "rule compile error: " + compiled.error()));
                continue;
            }
            boolean optionalOldSelf = Boolean.TRUE.equals(rule.getOptionalOldSelf());
            if (compiled.usesOldSelf() && oldSelf == null && !optionalOldSelf) {
                continue; // transition rules need a comparable existing value
            }
            Map<String, Object> activation = new HashMap<>();
            activation.put("self", self);
            if (optionalOldSelf) {
                activation.put("oldSelf", oldSelf == null ? Optional.empty() : Optional.of(oldSelf));
            } else if (oldSelf != null) {
                activation.put("oldSelf", oldSelf);
            }
            Object result;
            try {
                result = compiled.program().eval(activation);
            } catch (CelEvaluationException | RuntimeException e) {
                errs.add(FieldError.invalid(
                        path, type, evaluationError(e) + " evaluating rule: " + ruleErrorString(rule)));
                continue;
            }
            if (Boolean.TRUE.equals(result)) {
                continue;
            }
            if (!compiled.usesOldSelf() && unchanged) {
                continue; // ratcheting: the value did not change, its error does not block the update
            }
            String detail = messageExpression(rule, activation);
            if (detail == null) {
                detail = rule.getMessage() == null || rule.getMessage().isEmpty()
                        ? "failed rule: " + ruleErrorString(rule)
                        : rule.getMessage().trim();
            }
            String errPath = path;
            String fieldPath = normalizeFieldPath(rule.getFieldPath());
            if (!fieldPath.isEmpty()) {
                errPath = child(path, fieldPath);
            }
            errs.add(fieldErrorForReason(errPath, type, detail, rule.getReason()));
        }
    }

    private static String messageExpression(ValidationRule rule, Map<String, Object> activation) {
        String expr = rule.getMessageExpression();
        if (expr == null || expr.isBlank()) {
            return null;
        }
        Compiled compiled = compile(expr);
        if (compiled.error() != null) {
            return null;
        }
        try {
            Object result = compiled.program().eval(activation);
            if (result instanceof String s && !s.trim().isEmpty() && !s.contains("\n")) {
                return s.trim();
            }
        } catch (CelEvaluationException | RuntimeException e) {
            // the API server logs this and falls back to the message
        }
        return null;
    }

    private static FieldError fieldErrorForReason(String path, String type, String detail, String reason) {
        if (reason == null) {
            return FieldError.invalid(path, type, detail);
        }
        return switch (reason) {
            case "FieldValueForbidden" -> FieldError.forbidden(path, detail);
            case "FieldValueRequired" -> FieldError.required(path, detail);
            case "FieldValueDuplicate" -> FieldError.duplicate(path, type);
            default -> FieldError.invalid(path, type, detail);
        };
    }

    private static String ruleErrorString(ValidationRule rule) {
        if (rule.getMessage() != null && !rule.getMessage().isEmpty()) {
            return rule.getMessage().trim();
        }
        return rule.getRule().trim();
    }

    /** CEL-Java's wording mapped to cel-go's where the API server's users see it. */
    private static String evaluationError(Exception e) {
        String message = String.valueOf(e.getMessage());
        Matcher m = NO_SUCH_KEY.matcher(message);
        if (m.find()) {
            return "no such key: " + m.group(1);
        }
        Throwable cause = e.getCause();
        if (cause != null
                && cause.getMessage() != null
                && NO_SUCH_KEY.matcher(cause.getMessage()).find()) {
            Matcher mc = NO_SUCH_KEY.matcher(cause.getMessage());
            mc.find();
            return "no such key: " + mc.group(1);
        }
        return message.replaceFirst("^evaluation error(?: at [^:]*:\\d+)?: ", "");
    }

    /** {@code .spec.foo['bar']} → {@code spec.foo[bar]}, like the API server's NormalizedRuleFieldPath. */
    static String normalizeFieldPath(String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        Matcher m = Pattern.compile("\\.([^.\\[\\]]+)|\\['((?:[^'\\\\]|\\\\.)*)'\\]")
                .matcher(fieldPath);
        while (m.find()) {
            if (m.group(1) != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(m.group(1));
            } else {
                b.append('[').append(m.group(2).replaceAll("\\\\(.)", "$1")).append(']');
            }
        }
        return b.toString();
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * A JSON value as a CEL value: objects as maps, arrays as lists, integers as int64, {@code number} fields as
     * double. At the resource root, {@code metadata} is reduced to {@code name} and {@code generateName}.
     */
    static Object toCel(JsonNode v, JSONSchemaProps s, boolean root) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isNumber()) {
            boolean number = s != null && "number".equals(s.getType());
            if (!number && JsonValues.isInteger(v)) {
                return v.longValue();
            }
            return v.doubleValue();
        }
        if (v instanceof ArrayNode arr) {
            JSONSchemaProps items = s != null ? SchemaDefaulter.itemsSchema(s) : null;
            List<Object> list = new ArrayList<>(arr.size());
            for (JsonNode item : arr) {
                list.add(toCel(item, items, false));
            }
            return Collections.unmodifiableList(list);
        }
        if (v instanceof ObjectNode obj) {
            Map<String, JSONSchemaProps> props = s != null ? s.getProperties() : null;
            JSONSchemaProps additional = s != null ? SchemaDefaulter.additionalSchema(s) : null;
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String k = e.getKey();
                if (root && "metadata".equals(k)) {
                    Map<String, Object> meta = new LinkedHashMap<>();
                    for (String f : List.of("name", "generateName")) {
                        JsonNode mv = e.getValue().get(f);
                        if (mv != null && mv.isTextual()) {
                            meta.put(f, mv.textValue());
                        }
                    }
                    map.put(k, Collections.unmodifiableMap(meta));
                    continue;
                }
                JSONSchemaProps ps = props != null && props.containsKey(k) ? props.get(k) : additional;
                map.put(k, toCel(e.getValue(), ps, false));
            }
            return Collections.unmodifiableMap(map);
        }
        return v.asText();
    }
}
