package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;

/**
 * {@code POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews}: what the caller may do in a namespace. The
 * sandbox authorises every request, so the answer is "everything". Controllers ask this before they start (JOSDK's
 * leader election refuses to start without rights on leases); nothing is stored, as on a real API server.
 */
final class SelfSubjectRulesReviews {
    static final String PATH = "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews";

    private SelfSubjectRulesReviews() {}

    static boolean handles(HttpMethod method, String path) {
        return method == HttpMethod.POST && PATH.equals(path);
    }

    /** The review as sent, with a status that grants every verb on every resource and non-resource URL. */
    static ObjectNode answer(ObjectNode review) {
        review.put("apiVersion", "authorization.k8s.io/v1").put("kind", "SelfSubjectRulesReview");
        review.with("metadata");
        ObjectNode status = review.putObject("status");
        ObjectNode resources = status.putArray("resourceRules").addObject();
        resources.putArray("verbs").add("*");
        resources.putArray("apiGroups").add("*");
        resources.putArray("resources").add("*");
        ObjectNode urls = status.putArray("nonResourceRules").addObject();
        urls.putArray("verbs").add("*");
        urls.putArray("nonResourceURLs").add("*");
        status.put("incomplete", false);
        return review;
    }
}
