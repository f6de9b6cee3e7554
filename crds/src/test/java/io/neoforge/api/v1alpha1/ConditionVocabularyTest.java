package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.neoforge.api.v1alpha1.common.ConditionSchema;
import io.neoforge.api.v1alpha1.plan.PlanConditionReason;
import io.neoforge.api.v1alpha1.plan.PlanConditionType;
import io.neoforge.api.v1alpha1.tenant.TenantConditionReason;
import io.neoforge.api.v1alpha1.tenant.TenantConditionType;
import io.neoforge.api.v1alpha1.tenant.TenantConditions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The closed sets of condition types and reasons are valid metav1.Condition values and say what to do. */
class ConditionVocabularyTest {

    @Test
    void everyTypeAndReasonIsAcceptedByTheConditionSchema() {
        Stream.concat(Arrays.stream(TenantConditionType.values()), Arrays.stream(PlanConditionType.values()))
                .map(Enum::name)
                .forEach(type -> assertThat(type)
                        .matches(ConditionSchema.TYPE_PATTERN)
                        .hasSizeLessThanOrEqualTo(ConditionSchema.TYPE_MAX_LENGTH));
        Stream.concat(Arrays.stream(TenantConditionReason.values()), Arrays.stream(PlanConditionReason.values()))
                .map(Enum::name)
                .forEach(reason -> assertThat(reason)
                        .matches(ConditionSchema.REASON_PATTERN)
                        .hasSizeLessThanOrEqualTo(ConditionSchema.REASON_MAX_LENGTH));
    }

    @Test
    void everyReasonSaysWhatItMeansAndWhatToDo() {
        for (TenantConditionReason reason : TenantConditionReason.values()) {
            assertThat(reason.meaning()).as("%s meaning", reason).isNotBlank().endsWith(".");
            assertThat(reason.action()).as("%s action", reason).isNotBlank().endsWith(".");
            assertThat(reason.conditions()).as("%s conditions", reason).isNotEmpty();
        }
        for (PlanConditionReason reason : PlanConditionReason.values()) {
            assertThat(reason.meaning()).as("%s meaning", reason).isNotBlank();
            assertThat(reason.action()).as("%s action", reason).isNotBlank();
        }
    }

    @Test
    void everyReasonOfAPartThatCanFailAlsoSummarisesOnReady() {
        for (TenantConditionReason reason : TenantConditionReason.values()) {
            if (reason.isFailure()) {
                assertThat(reason.conditions()).as("%s", reason).contains(TenantConditionType.Ready);
            }
        }
    }

    @Test
    void theStringConstantsAreTheEnumsNames() throws IllegalAccessException {
        List<String> constants = new java.util.ArrayList<>();
        for (Field field : TenantConditions.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                constants.add((String) field.get(null));
            }
        }
        assertThat(constants)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(TenantConditionType.values())
                        .map(Enum::name)
                        .toList());
    }
}
