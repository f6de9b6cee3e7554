package io.neoforge.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CEL of manifests/base/crd-deletion-protection-policy.yaml, evaluated as the API server does for a DELETE (only
 * {@code oldObject} is set): the sandbox has no ValidatingAdmissionPolicies, so this is where the policy is checked.
 */
class CrdDeletionPolicyTest {
    private static final Path POLICY = Path.of("..", "manifests", "base", "crd-deletion-protection-policy.yaml");
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("oldObject", SimpleType.DYN)
            .build();
    private static final CelRuntime RUNTIME =
            CelRuntimeFactory.standardCelRuntimeBuilder().build();

    @Test
    void refusesDeletingTheTenantCrdUnlessItIsAnnotated() throws Exception {
        assertThat(allowed(crd(null))).isFalse();
        assertThat(allowed(crd(Map.of("other", "x")))).isFalse();
        assertThat(allowed(crd(Map.of("neoforge.io/allow-deletion", "false")))).isFalse();
        assertThat(allowed(crd(Map.of("neoforge.io/allow-deletion", "true")))).isTrue();
    }

    @Test
    void theRefusalSaysWhatItWouldDeleteAndHowToProceed() throws Exception {
        assertThat(eval(validation().path("messageExpression").asText(), crd(null)))
                .isEqualTo(
                        "deleting CustomResourceDefinition tenants.neoforge.io would delete every Tenant in the cluster; if that is "
                                + "really wanted, first run: kubectl annotate crd tenants.neoforge.io neoforge.io/allow-deletion=true");
    }

    @Test
    void coversTheTenantAndPlanCrdsOnDeleteOnly() throws Exception {
        JsonNode rule = policy().path("spec")
                .path("matchConstraints")
                .path("resourceRules")
                .get(0);
        assertThat(rule.path("operations").toString()).isEqualTo("[\"DELETE\"]");
        assertThat(rule.path("resources").toString()).isEqualTo("[\"customresourcedefinitions\"]");
        assertThat(rule.path("resourceNames").toString()).isEqualTo("[\"tenants.neoforge.io\",\"plans.neoforge.io\"]");
    }

    private static boolean allowed(Map<String, Object> oldObject) throws Exception {
        return (Boolean) eval(validation().path("expression").asText(), oldObject);
    }

    private static Object eval(String expression, Map<String, Object> oldObject) throws Exception {
        return RUNTIME.createProgram(COMPILER.compile(expression).getAst()).eval(Map.of("oldObject", oldObject));
    }

    private static Map<String, Object> crd(Map<String, String> annotations) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "tenants.neoforge.io");
        if (annotations != null) {
            metadata.put("annotations", annotations);
        }
        return Map.of("metadata", metadata, "spec", Map.of("names", Map.of("kind", "Tenant", "plural", "tenants")));
    }

    private static JsonNode validation() throws Exception {
        return policy().path("spec").path("validations").get(0);
    }

    private static JsonNode policy() throws Exception {
        return new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(POLICY).split("(?m)^---$")[0]);
    }
}
