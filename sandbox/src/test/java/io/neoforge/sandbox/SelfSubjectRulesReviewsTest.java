package io.neoforge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import org.junit.jupiter.api.Test;

class SelfSubjectRulesReviewsTest {

    @Test
    void everyCallerMayDoEverythingAsJosdkLeaderElectionAsksBeforeItStarts() {
        try (SandboxApiServer server = new SandboxApiServer().start()) {
            SelfSubjectRulesReview review = server.client()
                    .resource(new SelfSubjectRulesReviewBuilder()
                            .withNewSpec()
                            .withNamespace("neoforge-system")
                            .endSpec()
                            .build())
                    .create();

            assertThat(review.getSpec().getNamespace()).isEqualTo("neoforge-system");
            assertThat(review.getStatus().getIncomplete()).isFalse();
            ResourceRule rule = review.getStatus().getResourceRules().get(0);
            assertThat(rule.getVerbs()).containsExactly("*");
            assertThat(rule.getApiGroups()).containsExactly("*");
            assertThat(rule.getResources()).containsExactly("*");
            assertThat(rule.getResourceNames()).isEmpty();
        }
    }
}
