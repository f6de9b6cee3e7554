package io.neoforge.sandbox.admission;

import static io.neoforge.sandbox.admission.Crds.PLAN;
import static io.neoforge.sandbox.admission.Crds.plan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The committed Plan CRD, admitted as a real API server would. */
class PlanAdmissionTest {

    static final String QUANTITY = "^(\\+)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[mkMGTPE])?$";

    final SchemaAdmission admission = new SchemaAdmission();

    AdmissionResult create(ObjectNode plan) {
        return admission.admit("CREATE", PLAN, plan, null);
    }

    @Test
    void validPlanIsAllowedAndDefaultedWhereItsObjectsExist() {
        AdmissionResult result = create(plan("starter", "{'displayName': 'Starter', 'replicas': {}, 'quota': {}}"));

        assertThat(result.allowed()).isTrue();
        ObjectNode o = result.object();
        assertThat(o.at("/spec/apiRateLimit").intValue()).isEqualTo(600);
        assertThat(o.at("/spec/customDomains").intValue()).isZero();
        assertThat(o.at("/spec/replicas/min").intValue()).isEqualTo(1);
        assertThat(o.at("/spec/replicas/max").intValue()).isEqualTo(2);
        assertThat(o.at("/spec/quota/cpu").asText()).isEqualTo("2");
        assertThat(o.at("/spec/quota/memory").asText()).isEqualTo("4Gi");
        assertThat(o.at("/spec/quota/pods").intValue()).isEqualTo(20);
        assertThat(o.at("/spec").has("container")).isFalse();
        assertThat(o.at("/spec").has("database")).isFalse();
    }

    @Test
    void replicasMinGreaterThanMaxIsRefusedByTheReplicaRangeRule() {
        AdmissionResult result = create(plan("starter", "{'replicas': {'min': 3, 'max': 2}}"));

        assertThat(result.allowed()).isFalse();
        assertThat(result.code()).isEqualTo(422);
        assertThat(result.message())
                .isEqualTo(
                        "spec.replicas: Invalid value: \"object\": replicas.min must not be greater than replicas.max");
        assertThat(result.causes()).containsExactly(result.message());
    }

    @Test
    void replicaRangeRuleSeesDefaultedValues() {
        // max is absent and defaults to 2, so min 5 breaks the range
        AdmissionResult result = create(plan("starter", "{'replicas': {'min': 5}}"));

        assertThat(result.message())
                .isEqualTo(
                        "spec.replicas: Invalid value: \"object\": replicas.min must not be greater than replicas.max");
    }

    @Test
    void equalMinAndMaxReplicasAreAllowed() {
        assertThat(create(plan("starter", "{'replicas': {'min': 3, 'max': 3}}")).allowed())
                .isTrue();
    }

    @Test
    void replicasMinZeroIsBelowTheMinimum() {
        AdmissionResult result = create(plan("starter", "{'replicas': {'min': 0, 'max': 2}}"));

        assertThat(result.allowed()).isFalse();
        assertThat(result.message())
                .isEqualTo(
                        "spec.replicas.min: Invalid value: 0: spec.replicas.min in body should be greater than or equal to 1");
    }

    @Test
    void replicasMaxAboveTheMaximumIsRefused() {
        AdmissionResult result = create(plan("starter", "{'replicas': {'min': 1, 'max': 101}}"));

        assertThat(result.message())
                .isEqualTo(
                        "spec.replicas.max: Invalid value: 101: spec.replicas.max in body should be less than or equal to 100");
    }

    @Test
    void badCpuQuantityIsRefusedByPattern() {
        AdmissionResult result = create(plan("starter", "{'quota': {'cpu': 'lots'}}"));

        assertThat(result.allowed()).isFalse();
        assertThat(result.message())
                .isEqualTo("spec.quota.cpu: Invalid value: \"lots\": spec.quota.cpu in body should match '" + QUANTITY
                        + "'");
    }

    @Test
    void goodQuantitiesAreAllowed() {
        assertThat(create(
                                plan(
                                        "starter",
                                        "{'quota': {'cpu': '500m', 'memory': '1.5Gi'}, 'container': {'cpuLimit': '1', 'memoryLimit': '256Mi'}}"))
                        .allowed())
                .isTrue();
    }

    @Test
    void fractionalReplicaCountIsNotAnInteger() {
        AdmissionResult result = create(plan("starter", "{'replicas': {'min': 1.5, 'max': 2}}"));

        assertThat(result.causes())
                .first()
                .isEqualTo(
                        "spec.replicas.min: Invalid value: \"number\": spec.replicas.min in body must be of type integer: \"number\"");
    }

    @Test
    void integralFloatCountsAsAnInteger() {
        assertThat(create(plan("starter", "{'replicas': {'min': 2.0, 'max': 2}}"))
                        .allowed())
                .isTrue();
    }

    @Test
    void badStripePriceIdIsRefused() {
        AdmissionResult result = create(plan("starter", "{'stripe': {'priceId': 'prod_123'}}"));

        assertThat(result.message())
                .isEqualTo("spec.stripe.priceId: Invalid value: \"prod_123\": spec.stripe.priceId "
                        + "in body should match '^price_[A-Za-z0-9]+$'");
    }

    @Test
    void planNamesAreOnlyCheckedAsDnsSubdomains() {
        assertThat(create(plan("Starter", "{}")).causes())
                .singleElement()
                .asString()
                .startsWith("metadata.name: Invalid value: \"Starter\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void unchangedRangeIsNotRecheckedButAChangedOneIs() {
        ObjectNode stored = plan("starter", "{'replicas': {'min': 3, 'max': 2}}");

        AdmissionResult untouched = admission.admit(
                "UPDATE", PLAN, plan("starter", "{'displayName': 'x', 'replicas': {'min': 3, 'max': 2}}"), stored);
        AdmissionResult changed =
                admission.admit("UPDATE", PLAN, plan("starter", "{'replicas': {'min': 4, 'max': 2}}"), stored);

        assertThat(untouched.allowed()).isTrue();
        assertThat(changed.allowed()).isFalse();
    }
}
