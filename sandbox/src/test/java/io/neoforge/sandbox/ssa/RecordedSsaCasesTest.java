package io.neoforge.sandbox.ssa;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.neoforge.sandbox.SandboxApiServer;
import io.neoforge.sandbox.admission.SchemaAdmission;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the request/response sequences recorded on a real kube-apiserver v1.32 (src/test/resources/ssa-cases, a
 * copy of shared/ssa-cases; its README gives the format) against the sandbox API server and judges each step as
 * that README says: same HTTP status; for a success the same values at the compared pointers, managedFields as a set
 * of entries; for an error the same reason and, for a conflict, the same conflicting fields.
 */
class RecordedSsaCasesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIR = "ssa-cases/";
    private static final List<String> CASES = List.of(
            "cm-apply-bad-body",
            "cm-apply-creates",
            "cm-apply-empty-drops-everything",
            "cm-apply-needs-field-manager",
            "cm-apply-removes-dropped-field",
            "cm-conflict-without-force",
            "cm-equal-values-are-co-owned",
            "cm-field-validation",
            "cm-finalizers-are-a-set",
            "cm-force-takes-ownership",
            "cm-json-patch-manager",
            "cm-labels-per-key",
            "cm-merge-patch-manager",
            "cm-noop-apply-keeps-resource-version",
            "cm-update-takes-ownership",
            "deploy-containers-merge-by-name",
            "deploy-dropping-replicas",
            "deploy-replicas-and-the-autoscaler",
            "deploy-status-subresource-apply",
            "deploy-strategic-merge-by-name",
            "widget-finalizer-only-apply",
            "widget-generation",
            "widget-list-types",
            "widget-merge-patch-replaces-lists",
            "widget-schema-validation",
            "widget-status-subresource");

    private static SandboxApiServer server;
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException {
        server = new SandboxApiServer().start();
        server.setAdmission(new SchemaAdmission());
        server.apply(read("widget-crd").toString());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedCaseReplays() {
        return CASES.stream().map(id -> DynamicTest.dynamicTest(id, () -> replay(read(id))));
    }

    private static JsonNode read(String id) throws IOException {
        try (InputStream in = RecordedSsaCasesTest.class.getClassLoader().getResourceAsStream(DIR + id + ".json")) {
            assertThat(in).as(id).isNotNull();
            return JSON.readTree(in);
        }
    }

    private void replay(JsonNode c) throws Exception {
        String namespace = ("ssa-" + c.path("id").asText()).replace('_', '-');
        if (namespace.length() > 63) {
            namespace = namespace.substring(0, 63);
        }
        server.client()
                .namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
        Map<String, String> versions = new HashMap<>();
        int stepNo = 0;
        for (JsonNode step : c.path("steps")) {
            stepNo++;
            String where = c.path("id").asText() + " step " + stepNo + " ("
                    + step.path("note").asText() + ")";
            JsonNode req = step.path("request");
            HttpResponse<String> response = send(req, namespace);
            JsonNode expected = step.path("response");
            assertThat(response.statusCode())
                    .as(where + ": status, body " + response.body())
                    .isEqualTo(expected.path("status").asInt());
            JsonNode actual = JSON.readTree(response.body());
            JsonNode want = expected.path("body");
            if (response.statusCode() >= 400) {
                assertThat(actual.path("reason").asText(null))
                        .as(where + ": reason, body " + response.body())
                        .isEqualTo(want.path("reason").asText(null));
                if ("Conflict".equals(want.path("reason").asText())) {
                    assertThat(fields(actual))
                            .as(where + ": conflicting fields")
                            .isEqualTo(fields(want));
                }
                continue;
            }
            JsonNode normalised = normalise(actual, namespace, versions);
            for (JsonNode pointer : step.path("compare")) {
                String p = pointer.asText();
                JsonNode got = normalised.at(p);
                JsonNode exp = want.at(p);
                if (p.equals("/metadata/managedFields")) {
                    assertThat(entries(got))
                            .as(where + ": " + p + " in " + actual)
                            .isEqualTo(entries(exp));
                } else {
                    assertThat(got).as(where + ": " + p + " in " + actual).isEqualTo(exp);
                }
            }
        }
    }

    private HttpResponse<String> send(JsonNode req, String namespace) throws Exception {
        String path = req.path("path").asText().replace("{namespace}", namespace);
        List<String> query = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = req.path("query").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            query.add(e.getKey() + "=" + URLEncoder.encode(e.getValue().asText(), StandardCharsets.UTF_8));
        }
        URI uri = URI.create(server.url() + path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        JsonNode body = req.path("body");
        String method = req.path("method").asText();
        String text = null;
        if (body.isTextual()) {
            text = body.asText().replace("{namespace}", namespace);
        } else if (body.isObject()) {
            ObjectNode b = (ObjectNode) JSON.readTree(body.toString().replace("{namespace}", namespace));
            if (method.equals("PUT")) {
                JsonNode live = JSON.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(server.url() + path))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                ObjectNode meta = b.with("metadata");
                for (String f : List.of("uid", "resourceVersion", "creationTimestamp")) {
                    meta.set(f, live.path("metadata").path(f));
                }
            }
            text = b.toString();
        } else if (body.isArray()) {
            text = body.toString();
        }
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).header("Accept", "application/json");
        if (!req.path("userAgent").isNull() && !req.path("userAgent").asText().isEmpty()) {
            r.header("User-Agent", req.path("userAgent").asText());
        }
        if (text != null) {
            r.header("Content-Type", req.path("contentType").asText("application/json"));
        }
        r.method(
                method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The README's normalisation: resourceVersions as rv1, rv2... in order of first appearance in the case, and a
     * Deployment's status dropped (the recordings drop it even where a case writes it through /status).
     */
    private static JsonNode normalise(JsonNode body, String namespace, Map<String, String> versions)
            throws IOException {
        ObjectNode n = (ObjectNode) JSON.readTree(body.toString().replace(namespace, "{namespace}"));
        if (n.get("metadata") instanceof ObjectNode m && m.has("resourceVersion")) {
            String rv = m.get("resourceVersion").asText();
            m.put("resourceVersion", versions.computeIfAbsent(rv, k -> "rv" + (versions.size() + 1)));
        }
        if ("Deployment".equals(n.path("kind").asText())) {
            n.remove("status");
        }
        return n;
    }

    private static Set<Map<String, Object>> entries(JsonNode managedFields) {
        Set<Map<String, Object>> out = new HashSet<>();
        if (managedFields == null || managedFields.isMissingNode()) {
            return out;
        }
        for (JsonNode e : managedFields) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("manager", e.path("manager").asText());
            m.put("operation", e.path("operation").asText());
            m.put("subresource", e.path("subresource").asText(""));
            m.put("apiVersion", e.path("apiVersion").asText());
            m.put("fieldsV1", e.path("fieldsV1"));
            out.add(m);
        }
        return out;
    }

    private static Set<String> fields(JsonNode status) {
        Set<String> out = new HashSet<>();
        status.path("details")
                .path("causes")
                .forEach(c -> out.add(c.path("field").asText()));
        return out;
    }
}
