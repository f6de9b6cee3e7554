package io.neoforge.sandbox.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The committed CRDs (manifests/crds, copied onto the class path by the sandbox build) and object builders. */
final class Crds {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    static final CustomResourceDefinition TENANT = load("tenants.neoforge.io.yaml");
    static final CustomResourceDefinition PLAN = load("plans.neoforge.io.yaml");

    private Crds() {}

    static CustomResourceDefinition load(String file) {
        // The file as committed in the repository; the class path copy when run from elsewhere.
        Path committed = Path.of("..", "manifests", "crds", file);
        try (InputStream in = Files.exists(committed)
                ? Files.newInputStream(committed)
                : Crds.class.getResourceAsStream("/neoforge/crds/" + file)) {
            if (in == null) {
                throw new IllegalStateException("CRD not found: " + file);
            }
            return SERIALIZATION.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tenant(String name, String specJson) {
        return resource("Tenant", name, specJson);
    }

    static ObjectNode plan(String name, String specJson) {
        return resource("Plan", name, specJson);
    }

    static ObjectNode resource(String kind, String name, String specJson) {
        ObjectNode o = JSON.createObjectNode();
        o.put("apiVersion", "neoforge.io/v1alpha1");
        o.put("kind", kind);
        o.putObject("metadata").put("name", name);
        if (specJson != null) {
            o.set("spec", json(specJson));
        }
        return o;
    }

    /** JSON with single quotes allowed for readability: {@code {'plan': 'starter'}}. */
    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
