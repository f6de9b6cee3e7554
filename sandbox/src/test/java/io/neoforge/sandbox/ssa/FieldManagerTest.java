package io.neoforge.sandbox.ssa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge and ownership rules on plain JSON, without an API server around them. */
class FieldManagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOW = "2026-01-01T00:00:00Z";
    private static final TypeDef DEPLOYMENT = Schemas.builtins().forKind("apps", "v1", "Deployment");
    private static final TypeDef CONFIG_MAP = Schemas.builtins().forKind("", "v1", "ConfigMap");

    private static ObjectNode json(String s) {
        try {
            return (ObjectNode) JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static FieldManager.Result apply(
            ObjectNode live,
            ObjectNode config,
            TypeDef type,
            List<ManagedFieldsEntry> entries,
            String manager,
            boolean force)
            throws Exception {
        return FieldManager.apply(live, config, type, entries, manager, "v1", null, FieldManager.Scope.ALL, force, NOW);
    }

    @Test
    void fieldsV1RoundTripsWithSelfMembers() {
        JsonNode fields = json("{'f:data':{'.':{},'f:a':{}},'f:metadata':{'f:finalizers':{'v:\\'x\\'':{}}},"
                + "'f:spec':{'f:containers':{'k:{\\'name\\':\\'app\\'}':{'.':{},'f:image':{}}}}}");
        FieldSet set = FieldSet.fromFieldsV1(fields);
        assertThat(set.toFieldsV1()).isEqualTo(fields);
        assertThat(set.has(List.of(PathElement.field("data")))).isTrue();
        assertThat(set.has(List.of(PathElement.field("spec")))).isFalse();
        assertThat(set.paths())
                .extracting(FieldSet::toString)
                .contains(".spec.containers[name=\"app\"].image", ".metadata.finalizers[=\"x\"]");
    }

    @Test
    void containersAndEnvMergeByNameInTheAppliedOrder() {
        ObjectNode live = json("{'spec':{'template':{'spec':{'containers':[{'name':'a','image':'x:1',"
                + "'env':[{'name':'X','value':'1'}]},{'name':'b','image':'y:1'}]}}}}");
        ObjectNode config = json("{'spec':{'template':{'spec':{'containers':[{'name':'b','image':'y:2'},"
                + "{'name':'a','env':[{'name':'Y','value':'2'}]}]}}}}");
        JsonNode merged = TypedValues.merge(live, config, DEPLOYMENT);
        assertThat(merged.at("/spec/template/spec/containers").toString())
                .isEqualTo(
                        "[{\"name\":\"b\",\"image\":\"y:2\"},"
                                + "{\"name\":\"a\",\"image\":\"x:1\",\"env\":[{\"name\":\"X\",\"value\":\"1\"},{\"name\":\"Y\",\"value\":\"2\"}]}]");
    }

    @Test
    void atomicSelectorIsReplacedWholeAndOwnedAsOneField() throws Exception {
        ObjectNode config = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'selector':{'matchLabels':{'app':'x'}}}}");
        FieldSet set = TypedValues.toFieldSet(config, DEPLOYMENT, true);
        assertThat(set.toFieldsV1().at("/f:spec/f:selector")).isEqualTo(json("{}"));
        JsonNode merged =
                TypedValues.merge(json("{'spec':{'selector':{'matchLabels':{'old':'y'}}}}"), config, DEPLOYMENT);
        assertThat(merged.at("/spec/selector")).isEqualTo(json("{'matchLabels':{'app':'x'}}"));
    }

    @Test
    void aFieldAnotherManagerOwnsWithAnotherValueConflictsUnlessForced() throws Exception {
        ObjectNode cfgA =
                json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'1','j':'1'}}");
        FieldManager.Result a = apply(null, cfgA, CONFIG_MAP, List.of(), "alpha", false);
        ObjectNode cfgB = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'2'}}");
        assertThatThrownBy(() -> apply(a.object(), cfgB, CONFIG_MAP, a.managedFields(), "beta", false))
                .isInstanceOf(ApplyConflictException.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"alpha\": .data.k");
        FieldManager.Result b = apply(a.object(), cfgB, CONFIG_MAP, a.managedFields(), "beta", true);
        assertThat(b.object().at("/data")).isEqualTo(json("{'k':'2','j':'1'}"));
        assertThat(ManagedFieldsEntry.encode(b.managedFields()).toString())
                .contains("\"manager\":\"alpha\"", "{\"f:data\":{\"f:j\":{}}}", "{\"f:data\":{\"f:k\":{}}}");
    }

    @Test
    void numbersAreEqualByValueWhateverTheirJsonNodeType() throws Exception {
        ObjectNode live =
                json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},'spec':{'replicas':3,"
                        + "'selector':{'matchLabels':{'a':'b'}}}}");
        FieldManager.Result a = FieldManager.apply(
                null, live, DEPLOYMENT, List.of(), "alpha", "apps/v1", null, FieldManager.Scope.ALL, false, NOW);
        ObjectNode sameAsLong = a.object().deepCopy();
        sameAsLong.with("spec").put("replicas", 3L);
        // an equal value is co-owned, not a conflict: 3 (int) and 3 (long) are one number to the API server
        FieldManager.Result b = FieldManager.apply(
                a.object(),
                sameAsLong,
                DEPLOYMENT,
                a.managedFields(),
                "beta",
                "apps/v1",
                null,
                FieldManager.Scope.ALL,
                false,
                NOW);
        assertThat(b.managedFields())
                .extracting(ManagedFieldsEntry::manager)
                .containsExactlyInAnyOrder("alpha", "beta");
    }

    @Test
    void aFieldNoLongerAppliedIsRemovedUnlessSomeoneElseOwnsIt() throws Exception {
        ObjectNode both =
                json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'1','j':'1'}}");
        FieldManager.Result a = apply(null, both, CONFIG_MAP, List.of(), "alpha", false);
        FieldManager.Result b = apply(
                a.object(),
                json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'}," + "'data':{'j':'1'}}"),
                CONFIG_MAP,
                a.managedFields(),
                "beta",
                false);
        FieldManager.Result dropped = apply(
                b.object(),
                json("{'apiVersion':'v1','kind':'ConfigMap'," + "'metadata':{'name':'c'}}"),
                CONFIG_MAP,
                b.managedFields(),
                "alpha",
                false);
        assertThat(dropped.object().at("/data")).isEqualTo(json("{'j':'1'}"));
        assertThat(dropped.managedFields())
                .extracting(ManagedFieldsEntry::manager)
                .containsExactly("beta");
    }

    @Test
    void anUpdateTakesOverWhatItChangesAndOwnsWhatItAdds() {
        ObjectNode live = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'1'}}");
        List<ManagedFieldsEntry> created = FieldManager.update(
                null, live, CONFIG_MAP, List.of(), "kubectl-create", "v1", null, FieldManager.Scope.ALL, NOW);
        assertThat(ManagedFieldsEntry.encode(created).get(0).get("fieldsV1"))
                .isEqualTo(json("{'f:data':{'.':{},'f:k':{}}}"));
        ObjectNode next =
                json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'2','n':'1'}}");
        List<ManagedFieldsEntry> edited = FieldManager.update(
                live, next, CONFIG_MAP, created, "kubectl-edit", "v1", null, FieldManager.Scope.ALL, NOW);
        assertThat(edited).hasSize(2);
        assertThat(edited.get(0).fields().toFieldsV1()).isEqualTo(json("{'f:data':{}}"));
        assertThat(edited.get(1).fields().toFieldsV1()).isEqualTo(json("{'f:data':{'f:k':{},'f:n':{}}}"));
    }

    @Test
    void aStatusApplyOwnsOnlyStatus() throws Exception {
        ObjectNode live = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'replicas':2},'status':{'replicas':1}}");
        ObjectNode config = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'replicas':9},'status':{'replicas':2}}");
        FieldManager.Result r = FieldManager.apply(
                live,
                config,
                DEPLOYMENT,
                List.of(),
                "ctrl",
                "apps/v1",
                "status",
                FieldManager.Scope.STATUS_ONLY,
                false,
                NOW);
        assertThat(r.object().at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(r.object().at("/status/replicas").asInt()).isEqualTo(2);
        assertThat(r.managedFields().get(0).fields().toFieldsV1()).isEqualTo(json("{'f:status':{'f:replicas':{}}}"));
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedAsTheApiServerDoes() {
        ObjectNode config = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
                + "'spec':{'replicas':'three'},'bogus':1}");
        assertThatThrownBy(() -> TypedValues.toFieldSet(config, DEPLOYMENT, true))
                .isInstanceOf(TypedValueException.class)
                .hasMessageContaining(".spec.replicas: expected numeric (int or float), got string")
                .hasMessageContaining(".bogus: field not declared in schema");
    }

    @Test
    void aListMapKeyTheSchemaDefaultsIsFilledIn() throws Exception {
        ObjectNode config =
                json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},'spec':{'template':"
                        + "{'spec':{'containers':[{'name':'a','ports':[{'containerPort':80}]}]}}}}");
        FieldSet set = TypedValues.toFieldSet(config, DEPLOYMENT, true);
        assertThat(set.paths())
                .extracting(FieldSet::toString)
                .contains(".spec.template.spec.containers[name=\"a\"].ports[containerPort=80,protocol=\"TCP\"]");
    }

    @Test
    void goOmitEmptyDropsEmptyMapsAndListsButKeepsStructs() {
        ObjectNode obj = json("{'metadata':{'labels':{},'finalizers':[]},'spec':{'template':{'spec':{'containers':"
                + "[{'name':'a','resources':{},'env':[]}]}}}}");
        JsonNode out = TypedValues.omitEmpty(obj, DEPLOYMENT);
        assertThat(out.toString())
                .isEqualTo("{\"metadata\":{},\"spec\":{\"template\":{\"spec\":{\"containers\":"
                        + "[{\"name\":\"a\",\"resources\":{}}]}}}}");
    }
}
