package io.neoforge.sandbox.admission;

import static io.neoforge.sandbox.admission.Crds.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CEL and schema semantics beyond what the committed CRDs use, on a small synthetic CRD. */
class CelRulesTest {

    static final CustomResourceDefinition WIDGET =
            new KubernetesSerialization().unmarshal("""
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.io}
      spec:
        group: example.io
        scope: Namespaced
        names: {kind: Widget, plural: widgets}
        versions:
        - name: v1
          served: true
          storage: true
          schema:
            openAPIV3Schema:
              type: object
              properties:
                spec:
                  type: object
                  x-kubernetes-validations:
                  - rule: "self.size == 'small' || self.count <= 10"
                    messageExpression: "'count ' + string(self.count) + ' is too many for ' + self.size"
                  - rule: "!has(self.mode) || self.mode != 'legacy'"
                    fieldPath: ".mode"
                    reason: FieldValueForbidden
                    message: legacy mode is gone
                  - rule: "self.size in ['small', 'large']"
                  - rule: "self.owner == oldSelf.owner"
                    message: owner is immutable
                  - rule: "!oldSelf.hasValue() || oldSelf.value().size == self.size"
                    optionalOldSelf: true
                    message: size is immutable once set
                  properties:
                    size: {type: string}
                    count: {type: integer}
                    ratio: {type: number}
                    owner: {type: string}
                    mode: {type: string}
                    port: {x-kubernetes-int-or-string: true}
                    note: {type: string, nullable: true}
                    labels:
                      type: object
                      additionalProperties:
                        type: string
                        x-kubernetes-validations:
                        - rule: "size(self) <= 5"
                    extra:
                      type: object
                      x-kubernetes-preserve-unknown-fields: true
                      properties:
                        known: {type: string, default: k}
                    ports:
                      type: array
                      x-kubernetes-list-type: map
                      x-kubernetes-list-map-keys: [name]
                      items:
                        type: object
                        required: [name]
                        properties:
                          name: {type: string}
                          number: {type: integer}
                        x-kubernetes-validations:
                        - rule: "self.number >= oldSelf.number"
                          message: port numbers only grow
                    needsKey:
                      type: object
                      properties:
                        a: {type: integer}
                      x-kubernetes-validations:
                      - rule: "self.a > 0"
      """, CustomResourceDefinition.class);

    final SchemaAdmission admission = new SchemaAdmission();

    static ObjectNode widget(String spec) {
        ObjectNode o = Crds.resource("Widget", "w", spec);
        o.put("apiVersion", "example.io/v1");
        return o;
    }

    List<String> create(String spec) {
        return admission.admit("CREATE", WIDGET, widget(spec), null).causes();
    }

    List<String> update(String oldSpec, String newSpec) {
        return admission
                .admit("UPDATE", WIDGET, widget(newSpec), widget(oldSpec))
                .causes();
    }

    @Test
    void messageExpressionBuildsTheMessage() {
        assertThat(create("{'size': 'large', 'count': 11}"))
                .containsExactly("spec: Invalid value: \"object\": count 11 is too many for large");
    }

    @Test
    void ruleWithoutMessageReportsTheFailedRule() {
        assertThat(create("{'size': 'medium', 'count': 1}"))
                .containsExactly("spec: Invalid value: \"object\": failed rule: self.size in ['small', 'large']");
    }

    @Test
    void fieldPathAndReasonShapeTheError() {
        assertThat(create("{'size': 'small', 'mode': 'legacy'}"))
                .containsExactly("spec.mode: Forbidden: legacy mode is gone");
    }

    @Test
    void missingKeyIsAnEvaluationError() {
        assertThat(create("{'size': 'small', 'needsKey': {}}"))
                .containsExactly(
                        "spec.needsKey: Invalid value: \"object\": no such key: a evaluating rule: self.a > 0");
    }

    @Test
    void rulesOnMapValuesReportTheKey() {
        assertThat(create("{'size': 'small', 'labels': {'ok': 'x', 'long': 'toolong'}}"))
                .containsExactly("spec.labels[long]: Invalid value: \"string\": failed rule: size(self) <= 5");
    }

    @Test
    void transitionRuleRunsOnlyOnUpdate() {
        assertThat(create("{'size': 'small', 'owner': 'a'}")).isEmpty();
        assertThat(update("{'size': 'small', 'owner': 'a'}", "{'size': 'small', 'owner': 'b'}"))
                .containsExactly("spec: Invalid value: \"object\": owner is immutable");
        assertThat(update("{'size': 'small', 'owner': 'a'}", "{'size': 'small', 'owner': 'a', 'count': 2}"))
                .isEmpty();
    }

    @Test
    void optionalOldSelfRuleRunsOnCreateWithAnEmptyOldSelf() {
        assertThat(create("{'size': 'small', 'owner': 'a'}")).isEmpty();
        assertThat(update("{'size': 'small', 'owner': 'a'}", "{'size': 'large', 'owner': 'a', 'count': 1}"))
                .containsExactly("spec: Invalid value: \"object\": size is immutable once set");
    }

    @Test
    void mapListItemsCorrelateByKeyForTransitionRules() {
        String old = "{'size': 'small', 'owner': 'a', 'ports': [{'name': 'http', 'number': 80}]}";

        assertThat(update(
                        old,
                        "{'size': 'small', 'owner': 'a', 'ports': [{'name': 'https', 'number': 8},"
                                + " {'name': 'http', 'number': 81}]}"))
                .isEmpty();
        assertThat(update(old, "{'size': 'small', 'owner': 'a', 'ports': [{'name': 'http', 'number': 79}]}"))
                .containsExactly("spec.ports[0]: Invalid value: \"object\": port numbers only grow");
    }

    @Test
    void intOrStringAcceptsBothAndNothingElse() {
        assertThat(create("{'size': 'small', 'port': 8080}")).isEmpty();
        assertThat(create("{'size': 'small', 'port': 'http'}")).isEmpty();
        assertThat(create("{'size': 'small', 'port': true}"))
                .first()
                .isEqualTo(
                        "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"");
    }

    @Test
    void nullableFieldKeepsNullAndOthersDropIt() {
        AdmissionResult result =
                admission.admit("CREATE", WIDGET, widget("{'size': 'small', 'note': null, 'owner': null}"), null);

        assertThat(result.allowed()).isTrue();
        assertThat(result.object().at("/spec/note").isNull()).isTrue();
        assertThat(result.object().get("spec").has("owner")).isFalse();
    }

    @Test
    void numberFieldAcceptsIntegers() {
        assertThat(create("{'size': 'small', 'ratio': 1}")).isEmpty();
        assertThat(create("{'size': 'small', 'ratio': 0.5}")).isEmpty();
    }

    @Test
    void preserveUnknownFieldsKeepsUnknownsAndStillDefaultsKnownOnes() {
        AdmissionResult result = admission.admit(
                "CREATE", WIDGET, widget("{'size': 'small', 'extra': {'anything': {'deep': 1}}}"), null);

        assertThat(result.object().at("/spec/extra/anything/deep").intValue()).isEqualTo(1);
        assertThat(result.object().at("/spec/extra/known").asText()).isEqualTo("k");
    }

    @Test
    void unservedVersionIsNotFound() {
        ObjectNode w = widget("{}");
        w.put("apiVersion", "example.io/v2");

        AdmissionResult result = admission.admit("CREATE", WIDGET, w, null);

        assertThat(result.allowed()).isFalse();
        assertThat(result.code()).isEqualTo(404);
    }

    @Test
    void fieldPathsAreNormalised() {
        assertThat(CelRules.normalizeFieldPath(".spec.a['b.c'].d")).isEqualTo("spec.a[b.c].d");
        assertThat(CelRules.normalizeFieldPath(null)).isEmpty();
    }

    @Test
    void errorsRenderLikeTheApiServer() {
        assertThat(FieldError.invalid("", null, "x").toString()).isEqualTo("<nil>: Invalid value: \"null\": x");
        assertThat(FieldError.invalid("a", 1.5, "x").toString()).isEqualTo("a: Invalid value: 1.5: x");
        assertThat(FieldError.invalid("a", "q\"t", "x").toString()).isEqualTo("a: Invalid value: \"q\\\"t\": x");
        assertThat(FieldError.required("a", "").toString()).isEqualTo("a: Required value");
        assertThat(SchemaAdmission.aggregate(List.of("a", "a"))).isEqualTo("a");
        assertThat(SchemaAdmission.aggregate(List.of("a", "b"))).isEqualTo("[a, b]");
        assertThat(json("{'a': 1}").get("a").intValue()).isEqualTo(1);
    }
}
