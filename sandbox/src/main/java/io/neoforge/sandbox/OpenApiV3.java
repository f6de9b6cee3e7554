package io.neoforge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.neoforge.sandbox.ApiResources.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * Just enough of {@code /openapi/v3} for kubectl: every group-version with a PATCH operation per kind that declares
 * the {@code fieldValidation} parameter (so {@code kubectl apply}/{@code create} use server-side field validation
 * instead of downloading a schema), and the CRDs' structural schemas as components (so {@code kubectl explain}
 * works for custom resources).
 */
final class OpenApiV3 {

    private OpenApiV3() {}

    static ObjectNode index(ObjectMapper m, List<ResourceType> types) {
        ObjectNode root = m.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        paths.putObject("api/v1").put("serverRelativeURL", "/openapi/v3/api/v1?hash=" + hash(m, "v1", types));
        for (Map.Entry<String, List<String>> g : ApiResources.groups(types).entrySet()) {
            for (String v : g.getValue()) {
                String gv = g.getKey() + "/" + v;
                paths.putObject("apis/" + gv)
                        .put("serverRelativeURL", "/openapi/v3/apis/" + gv + "?hash=" + hash(m, gv, types));
            }
        }
        return root;
    }

    private static String hash(ObjectMapper m, String gv, List<ResourceType> types) {
        return String.format("%08X", document(m, gv, types).toString().hashCode());
    }

    static ObjectNode document(ObjectMapper m, String groupVersion, List<ResourceType> types) {
        ObjectNode doc = m.createObjectNode().put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", "v1.32.0");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode schemas = doc.putObject("components").putObject("schemas");
        for (ResourceType t : types) {
            if (!t.groupVersion().equals(groupVersion)) {
                continue;
            }
            String prefix = t.group().isEmpty() ? "/api/" + t.version() : "/apis/" + t.group() + "/" + t.version();
            String collection = prefix + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.plural();
            ObjectNode gvk = m.createObjectNode()
                    .put("group", t.group())
                    .put("version", t.version())
                    .put("kind", t.kind());
            ObjectNode item = paths.putObject(collection + "/{name}");
            ObjectNode patch = item.putObject("patch");
            patch.put("operationId", "patch" + t.kind()).put("x-kubernetes-action", "patch");
            patch.set("x-kubernetes-group-version-kind", gvk);
            ArrayNode params = patch.putArray("parameters");
            for (String p : List.of("dryRun", "fieldManager", "fieldValidation", "force")) {
                params.addObject()
                        .put("name", p)
                        .put("in", "query")
                        .putObject("schema")
                        .put("type", p.equals("force") ? "boolean" : "string");
            }
            patch.putObject("responses").putObject("200").put("description", "OK");
            ObjectNode post = paths.putObject(collection).putObject("post");
            post.put("operationId", "create" + t.kind()).put("x-kubernetes-action", "post");
            post.set("x-kubernetes-group-version-kind", gvk.deepCopy());
            ArrayNode postParams = post.putArray("parameters");
            for (String p : List.of("dryRun", "fieldManager", "fieldValidation")) {
                postParams
                        .addObject()
                        .put("name", p)
                        .put("in", "query")
                        .putObject("schema")
                        .put("type", "string");
            }
            post.putObject("responses").putObject("201").put("description", "Created");
            if (t.crd() != null) {
                JsonNode schema = crdSchema(m, t);
                if (schema != null) {
                    ObjectNode s = schema.deepCopy();
                    s.putArray("x-kubernetes-group-version-kind").add(gvk.deepCopy());
                    ObjectNode props = s.with("properties");
                    props.putObject("apiVersion")
                            .put("type", "string")
                            .put(
                                    "description",
                                    "APIVersion defines the versioned "
                                            + "schema of this representation of an object.");
                    props.putObject("kind")
                            .put("type", "string")
                            .put(
                                    "description",
                                    "Kind is a string value representing the "
                                            + "REST resource this object represents.");
                    props.putObject("metadata").put("type", "object").put("description", "Standard object's metadata.");
                    schemas.set(reverse(t.group()) + "." + t.version() + "." + t.kind(), s);
                }
            }
        }
        return doc;
    }

    private static JsonNode crdSchema(ObjectMapper m, ResourceType t) {
        for (CustomResourceDefinitionVersion v : t.crd().getSpec().getVersions()) {
            if (v.getName().equals(t.version())
                    && v.getSchema() != null
                    && v.getSchema().getOpenAPIV3Schema() != null) {
                return m.valueToTree(v.getSchema().getOpenAPIV3Schema());
            }
        }
        return null;
    }

    private static String reverse(String group) {
        String[] parts = group.split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = parts.length - 1; i >= 0; i--) {
            sb.append(sb.length() == 0 ? "" : ".").append(parts[i]);
        }
        return sb.toString();
    }
}
