package io.neoforge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;
import io.neoforge.sandbox.ApiResources.ResourceType;
import io.neoforge.sandbox.admission.AdmissionHook;
import io.neoforge.sandbox.admission.AdmissionResult;
import io.neoforge.sandbox.admission.ObjectNameValidation;
import io.neoforge.sandbox.ssa.ApplyConflictException;
import io.neoforge.sandbox.ssa.FieldManager;
import io.neoforge.sandbox.ssa.FieldSet;
import io.neoforge.sandbox.ssa.ManagedFieldsEntry;
import io.neoforge.sandbox.ssa.PathElement;
import io.neoforge.sandbox.ssa.Schemas;
import io.neoforge.sandbox.ssa.TypeDef;
import io.neoforge.sandbox.ssa.TypedValueException;
import io.neoforge.sandbox.ssa.TypedValues;
import java.lang.reflect.Field;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric8's CRUD dispatcher with a compatibility layer in front of it, so that kubectl and controllers see
 * something that behaves like a Kubernetes API server: discovery and {@code /version}, Table responses, correct
 * merge/strategic/apply patches, Kubernetes Status errors, status subresources for built-in kinds, finalizers and
 * namespace termination, field selectors, HTTP (chunked) watches and an admission hook for custom resources.
 * The mock's own storage, resourceVersion counter and WebSocket watches are kept as they are.
 */
public class CompatDispatcher extends KubernetesCrudDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CompatDispatcher.class);
    static final ObjectMapper JSON = Serialization.jsonMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final Pattern CAUSE = Pattern.compile("^([A-Za-z0-9_.\\[\\]\\-/<>]+): (.+)$", Pattern.DOTALL);

    private final ReadWriteLock lock;
    private final IndexedStore store;
    /** {@code ?dryRun=All}: everything (admission included) but storing, as the API server does for kubectl diff. */
    private final ThreadLocal<Boolean> dryRun = ThreadLocal.withInitial(() -> false);

    private final java.util.concurrent.atomic.AtomicLong resourceVersionCounter;
    private final Supplier<String> serverAddress;
    private final Set<HttpWatch> httpWatches = new CopyOnWriteArraySet<>();
    private final CrdDeletion crdDeletion;
    private volatile List<ResourceType> crdTypes;
    private final Map<String, TypeDef> typeDefs = new java.util.concurrent.ConcurrentHashMap<>();
    /** How many mutating requests (POST, PUT, PATCH, DELETE) each "METHOD path" got, whether they changed anything or not. */
    private final Map<String, java.util.concurrent.atomic.LongAdder> mutatingRequests =
            new java.util.concurrent.ConcurrentHashMap<>();

    private volatile AdmissionHook admission;
    private volatile boolean strictNamespaces = true;
    private volatile String kubernetesVersion = "1.32";

    public CompatDispatcher(Supplier<String> serverAddress) {
        this.serverAddress = serverAddress;
        this.crdDeletion = new CrdDeletion(serverAddress);
        this.lock = mockLock();
        this.resourceVersionCounter = mockCounter();
        this.store = indexedStore();
    }

    /** Puts an indexed store in place of the mock's plain map, before anything is stored. */
    private IndexedStore indexedStore() {
        try {
            IndexedStore indexed = new IndexedStore();
            Field f = CrudDispatcher.class.getDeclaredField("map");
            f.setAccessible(true);
            f.set(this, indexed);
            return indexed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot index the mock's store (Fabric8 mock changed?)", e);
        }
    }

    private java.util.concurrent.atomic.AtomicLong mockCounter() {
        try {
            Field f = KubernetesCrudDispatcher.class.getDeclaredField("resourceVersion");
            f.setAccessible(true);
            return (java.util.concurrent.atomic.AtomicLong) f.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The mock's own lock, so that a read-modify-write here is atomic with respect to the mock's handlers. */
    private ReadWriteLock mockLock() {
        try {
            Field f = KubernetesCrudDispatcher.class.getDeclaredField("lock");
            f.setAccessible(true);
            return (ReadWriteLock) f.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Cannot share the mock's lock, using a separate one: {}", e.toString());
            return new ReentrantReadWriteLock();
        }
    }

    public void setAdmission(AdmissionHook admission) {
        this.admission = admission;
    }

    /** When true (the default), objects can only be created in namespaces that exist and are not terminating. */
    public void setStrictNamespaces(boolean strict) {
        this.strictNamespaces = strict;
    }

    private KubernetesAttributesExtractor extractor() {
        return (KubernetesAttributesExtractor) attributeExtractor;
    }

    // =================================================================== request model

    record Target(ResourceType type, String namespace, String name, String subresource) {
        String collectionPath() {
            StringBuilder sb = new StringBuilder(
                    type.group().isEmpty() ? "/api/" + type.version() : "/apis/" + type.group() + "/" + type.version());
            if (namespace != null && type.namespaced()) {
                sb.append("/namespaces/").append(namespace);
            }
            return sb.append('/').append(type.plural()).toString();
        }

        String objectPath() {
            return collectionPath() + "/" + name;
        }

        String objectPath(String sub) {
            return objectPath() + (sub == null ? "" : "/" + sub);
        }
    }

    static Map<String, String> queryParams(String rawPath) {
        Map<String, String> params = new LinkedHashMap<>();
        int q = rawPath.indexOf('?');
        if (q < 0) {
            return params;
        }
        for (String pair : rawPath.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }

    static String pathOnly(String rawPath) {
        int q = rawPath.indexOf('?');
        String p = q < 0 ? rawPath : rawPath.substring(0, q);
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    List<ResourceType> allTypes() {
        List<ResourceType> all = new ArrayList<>(ApiResources.BUILTINS);
        all.addAll(crdTypes());
        return all;
    }

    private List<ResourceType> crdTypes() {
        List<ResourceType> cached = crdTypes;
        if (cached != null) {
            return cached;
        }
        List<ResourceType> types = new ArrayList<>();
        for (String json : storedValues(CRD_PATH)) {
            try {
                types.addAll(ApiResources.fromCrd(JSON.readValue(json, CustomResourceDefinition.class)));
            } catch (JsonProcessingException | RuntimeException e) {
                LOG.warn("Ignoring unreadable CRD: {}", e.toString());
            }
        }
        crdTypes = List.copyOf(types);
        return crdTypes;
    }

    private List<String> storedValues(String path) {
        AttributeSet query = extractor().fromPath(path);
        List<String> values = new ArrayList<>();
        lock.readLock().lock();
        try {
            store.matching(query).forEach(e -> values.add(e.getValue()));
        } finally {
            lock.readLock().unlock();
        }
        return values;
    }

    private ObjectNode stored(String objectPath) {
        lock.readLock().lock();
        try {
            Map.Entry<AttributeSet, String> e = findResource(getKey(objectPath));
            return e == null ? null : (ObjectNode) readJson(e.getValue());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Parses a resource path; null when it is not one. */
    Target target(String path) throws ApiException {
        List<String> segs = new ArrayList<>(Arrays.asList(path.substring(1).split("/")));
        String group;
        String version;
        if (segs.size() >= 3 && segs.get(0).equals("api")) {
            group = "";
            version = segs.get(1);
            segs = segs.subList(2, segs.size());
        } else if (segs.size() >= 4 && segs.get(0).equals("apis")) {
            group = segs.get(1);
            version = segs.get(2);
            segs = segs.subList(3, segs.size());
        } else {
            throw notFoundPath();
        }
        String namespace = null;
        if (segs.get(0).equals("namespaces")
                && segs.size() >= 3
                && !(segs.size() == 3
                        && group.isEmpty()
                        && (segs.get(2).equals("status") || segs.get(2).equals("finalize")))) {
            namespace = segs.get(1);
            segs = segs.subList(2, segs.size());
        }
        if (segs.size() > 3) {
            throw notFoundPath();
        }
        String plural = segs.get(0);
        String name = segs.size() > 1 ? segs.get(1) : null;
        String sub = segs.size() > 2 ? segs.get(2) : null;
        ResourceType type = allTypes().stream()
                .filter(t -> t.group().equals(group)
                        && t.version().equals(version)
                        && t.plural().equals(plural))
                .findFirst()
                .orElseThrow(CompatDispatcher::notFoundPath);
        if ((!type.namespaced() && namespace != null) || (type.namespaced() && namespace == null && name != null)) {
            throw notFoundPath();
        }
        if (sub != null && sub.equals("scale") && hasScale(type)) {
            return new Target(type, namespace, name, sub);
        }
        if (sub != null
                && !(sub.equals("status") && type.statusSubresource())
                && !(sub.equals("finalize") && type.plural().equals("namespaces") && group.isEmpty())) {
            throw notFoundPath();
        }
        return new Target(type, namespace, name, sub);
    }

    // =================================================================== dispatch

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        try {
            return route(request);
        } catch (ApiException e) {
            return status(e);
        } catch (RuntimeException e) {
            LOG.warn("Sandbox API server failed on {}", request, e);
            return status(new ApiException(500, "InternalError", "Internal error occurred: " + e, null));
        }
    }

    private MockResponse route(RecordedRequest request) throws ApiException {
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            throw new ApiException(
                    415,
                    "UnsupportedMediaType",
                    "the body of the request was in an unknown format - "
                            + "accepted media types include: application/json, application/yaml, application/json-patch+json, "
                            + "application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
                    null);
        }
        String accept = request.getHeader("Accept");
        if (accept != null
                && accept.contains("protobuf")
                && !accept.contains("json")
                && !accept.contains("*/*")
                && !accept.contains("yaml")) {
            throw new ApiException(
                    406,
                    "NotAcceptable",
                    "only the following media types are accepted: application/json, "
                            + "application/yaml, application/json;stream=watch",
                    null);
        }
        String raw = request.getPath();
        String path = pathOnly(raw);
        Map<String, String> params = queryParams(raw);
        HttpMethod method = request.method();
        if (method != HttpMethod.GET) {
            mutatingRequests
                    .computeIfAbsent(method + " " + path, k -> new java.util.concurrent.atomic.LongAdder())
                    .increment();
        }
        if (method == HttpMethod.GET) {
            switch (path) {
                case "/", "" -> {
                    ObjectNode root = JSON.createObjectNode();
                    ArrayNode paths = root.putArray("paths");
                    List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/readyz", "/version")
                            .forEach(paths::add);
                    ApiResources.groups(allTypes()).forEach((g, vs) -> {
                        paths.add("/apis/" + g);
                        vs.forEach(v -> paths.add("/apis/" + g + "/" + v));
                    });
                    return json(200, root);
                }
                case "/version" -> {
                    return json(200, version());
                }
                case "/healthz", "/livez", "/readyz" -> {
                    return new MockResponse()
                            .setResponseCode(200)
                            .setHeader("Content-Type", "text/plain")
                            .setBody("ok");
                }
                case "/api" -> {
                    return json(200, ApiResources.apiVersions(JSON, serverAddress.get()));
                }
                case "/apis" -> {
                    return json(200, ApiResources.apiGroupList(JSON, allTypes()));
                }
                case "/api/v1" -> {
                    return json(200, ApiResources.apiResourceList(JSON, "v1", allTypes()));
                }
                default -> {}
            }
            if (path.equals("/openapi/v3")) {
                return json(200, OpenApiV3.index(JSON, allTypes()));
            }
            if (path.startsWith("/openapi/v3/")) {
                String gv = path.startsWith("/openapi/v3/apis/")
                        ? path.substring("/openapi/v3/apis/".length())
                        : path.substring("/openapi/v3/api/".length());
                List<ResourceType> types = allTypes();
                if (!ApiResources.hasGroupVersion(types, gv)) {
                    throw notFoundPath();
                }
                return json(200, OpenApiV3.document(JSON, gv, types));
            }
            String[] segs = path.substring(1).split("/");
            if (segs[0].equals("apis") && segs.length == 2) {
                List<ResourceType> types = allTypes();
                List<String> versions = ApiResources.groups(types).get(segs[1]);
                if (versions == null) {
                    throw notFoundPath();
                }
                return json(200, ApiResources.apiGroup(JSON, segs[1], versions, types));
            }
            if (segs[0].equals("apis") && segs.length == 3) {
                List<ResourceType> types = allTypes();
                String gv = segs[1] + "/" + segs[2];
                if (!ApiResources.hasGroupVersion(types, gv)) {
                    throw notFoundPath();
                }
                return json(200, ApiResources.apiResourceList(JSON, gv, types));
            }
        }
        if (!path.startsWith("/api/") && !path.startsWith("/apis/")) {
            throw notFoundPath();
        }
        if (SelfSubjectRulesReviews.handles(method, path)) {
            return json(201, SelfSubjectRulesReviews.answer(body(request)));
        }
        Target t = target(path);
        boolean dry = params.containsKey("dryRun") && !params.get("dryRun").isEmpty();
        if (!dry
                && method == HttpMethod.DELETE
                && request.getBody() != null
                && request.getBody().size() > 0) {
            // DeleteOptions in the body (client-go sends dryRun there)
            try {
                dry = JSON.readTree(request.getBody().getBytes()).path("dryRun").size() > 0;
            } catch (java.io.IOException | RuntimeException ignored) {
                // not DeleteOptions
            }
        }
        dryRun.set(dry);
        try {
            return mutateOrGet(request, t, params, raw, method);
        } finally {
            dryRun.remove();
        }
    }

    private MockResponse mutateOrGet(
            RecordedRequest request, Target t, Map<String, String> params, String raw, HttpMethod method)
            throws ApiException {
        if ("scale".equals(t.subresource())) {
            return scale(request, t, params, method);
        }
        return switch (method) {
            case GET -> get(request, t, params, raw);
            case POST -> {
                if (t.name() != null) {
                    throw new ApiException(
                            405,
                            "MethodNotAllowed",
                            "the server does not allow this method on the requested " + "resource",
                            null);
                }
                yield create(t, body(request), updateWrite(request, params, t));
            }
            case PUT -> {
                requireName(t);
                yield update(t, body(request), null, updateWrite(request, params, t));
            }
            case PATCH -> {
                requireName(t);
                yield patch(t, request, params);
            }
            case DELETE -> delete(t, params);
            default ->
                throw new ApiException(
                        405,
                        "MethodNotAllowed",
                        "the server does not allow this method on the " + "requested resource",
                        null);
        };
    }

    private static void requireName(Target t) throws ApiException {
        if (t.name() == null) {
            throw new ApiException(
                    405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
        }
    }

    private ObjectNode version() {
        String minor = kubernetesVersion.substring(kubernetesVersion.indexOf('.') + 1);
        return JSON.createObjectNode()
                .put("major", "1")
                .put("minor", minor)
                .put("gitVersion", "v" + kubernetesVersion + ".0-neoforge-sandbox")
                .put("gitCommit", "neoforge-sandbox")
                .put("gitTreeState", "clean")
                .put("buildDate", "2025-01-01T00:00:00Z")
                .put("goVersion", "go1.23")
                .put("compiler", "gc")
                .put("platform", "linux/amd64");
    }

    // =================================================================== scale subresource

    private static boolean hasScale(ResourceType type) {
        return type.group().equals("apps")
                && (type.plural().equals("deployments")
                        || type.plural().equals("statefulsets")
                        || type.plural().equals("replicasets"));
    }

    /**
     * {@code /scale} of a workload: an autoscaling/v1 Scale view of {@code spec.replicas}. A write through it sets the
     * replicas and leaves them owned by nobody, as the recorded API server does (what the HPA controller meets).
     */
    private MockResponse scale(RecordedRequest request, Target t, Map<String, String> params, HttpMethod method)
            throws ApiException {
        lock.writeLock().lock();
        try {
            ObjectNode current = stored(t.objectPath());
            if (current == null) {
                throw notFound(t);
            }
            ObjectNode scale = scaleOf(current);
            if (method == HttpMethod.GET) {
                return json(200, scale);
            }
            JsonNode wanted;
            String raw = request.getBody() == null
                    ? ""
                    : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
            String ct = String.valueOf(request.getHeader("Content-Type")).toLowerCase();
            if (method == HttpMethod.PUT) {
                wanted = readJsonBody(raw);
                String rv = wanted.path("metadata").path("resourceVersion").asText("");
                if (!rv.isEmpty()
                        && !rv.equals(
                                current.path("metadata").path("resourceVersion").asText())) {
                    throw staleVersion(t.type(), t.name());
                }
            } else if (method == HttpMethod.PATCH && ct.startsWith("application/json-patch+json")) {
                wanted = jsonPatch(raw, scale);
            } else if (method == HttpMethod.PATCH
                    && (ct.startsWith("application/merge-patch+json")
                            || ct.startsWith("application/strategic-merge-patch+json"))) {
                wanted = JsonPatches.mergePatch(scale, readJsonBody(raw));
            } else {
                throw new ApiException(
                        405,
                        "MethodNotAllowed",
                        "the server does not allow this method on the requested " + "resource",
                        null);
            }
            JsonNode replicas = wanted.path("spec").path("replicas");
            if (!replicas.canConvertToInt() || replicas.asInt() < 0) {
                throw new ApiException(
                        422,
                        "Invalid",
                        "Scale.autoscaling \"" + t.name() + "\" is invalid: spec.replicas: " + "Invalid value: "
                                + replicas + ": must be greater than or equal to 0",
                        null);
            }
            ObjectNode next = current.deepCopy();
            next.with("spec").put("replicas", replicas.asInt());
            List<ManagedFieldsEntry> entries = new ArrayList<>();
            FieldSet replicasPath =
                    FieldSet.of(List.of(List.of(PathElement.field("spec"), PathElement.field("replicas"))));
            for (ManagedFieldsEntry e :
                    ManagedFieldsEntry.decode(current.path("metadata").get("managedFields"))) {
                FieldSet kept = e.fields().difference(replicasPath);
                if (!kept.isEmpty()) {
                    entries.add(new ManagedFieldsEntry(
                            e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(), kept));
                }
            }
            setManagedFields(next, entries);
            if (!current.path("spec").path("replicas").equals(next.path("spec").path("replicas"))) {
                next.with("metadata")
                        .put(
                                "generation",
                                current.path("metadata").path("generation").asLong() + 1);
            }
            if (!sameObject(current, next) && !dryRun.get()) {
                storeDirect(t.objectPath(), next);
                next = stored(t.objectPath());
            }
            return json(200, scaleOf(next));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static ObjectNode scaleOf(ObjectNode workload) {
        ObjectNode s = JSON.createObjectNode().put("kind", "Scale").put("apiVersion", "autoscaling/v1");
        ObjectNode m = s.putObject("metadata");
        JsonNode wm = workload.path("metadata");
        for (String f : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            if (wm.has(f)) {
                m.set(f, wm.get(f).deepCopy());
            }
        }
        s.putObject("spec")
                .put("replicas", workload.path("spec").path("replicas").asInt(1));
        List<String> selector = new ArrayList<>();
        workload.path("spec")
                .path("selector")
                .path("matchLabels")
                .fields()
                .forEachRemaining(
                        e -> selector.add(e.getKey() + "=" + e.getValue().asText()));
        s.putObject("status")
                .put("replicas", workload.path("status").path("replicas").asInt(0))
                .put("selector", String.join(",", selector));
        return s;
    }

    // =================================================================== GET

    private MockResponse get(RecordedRequest request, Target t, Map<String, String> params, String raw)
            throws ApiException {
        boolean table = TableConverter.wantsTable(request.getHeader("Accept"));
        if (isWatch(params)) {
            // WebSocket watch (Fabric8 informers): the mock's own implementation
            return super.handleGet(raw);
        }
        String rv = String.valueOf(currentResourceVersion());
        if (t.name() != null) {
            ObjectNode obj = stored(t.objectPath());
            if (obj == null) {
                throw notFound(t);
            }
            return table ? json(200, TableConverter.table(JSON, t.type(), List.of(obj), rv, true)) : json(200, obj);
        }
        List<JsonNode> items = list(t, params);
        if (table) {
            return json(200, TableConverter.table(JSON, t.type(), items, rv, true));
        }
        ObjectNode list = JSON.createObjectNode()
                .put("apiVersion", t.type().groupVersion())
                .put("kind", t.type().kind() + "List");
        list.putObject("metadata").put("resourceVersion", rv);
        ArrayNode arr = list.putArray("items");
        items.forEach(arr::add);
        return json(200, list);
    }

    static boolean isWatch(Map<String, String> params) {
        String w = params.get("watch");
        return w != null && (w.equals("true") || w.equals("1"));
    }

    private long currentResourceVersion() {
        if (resourceVersionCounter != null) {
            return resourceVersionCounter.get();
        }
        return requestResourceVersion();
    }

    List<JsonNode> list(Target t, Map<String, String> params) {
        AttributeSet query = query(t, params);
        FieldSelector fs = FieldSelector.parse(params.get("fieldSelector"));
        String gv = t.type().groupVersion();
        boolean coreEvents = gv.equals("v1") && t.type().plural().equals("events");
        List<JsonNode> items = new ArrayList<>();
        lock.readLock().lock();
        try {
            for (Map.Entry<AttributeSet, String> e : store.matching(query)) {
                JsonNode n = readJson(e.getValue());
                // the mock's keys cannot tell core/v1 events from events.k8s.io/v1 events; a real API server serves
                // both
                // APIs from one storage, so core/v1 lists (kubectl describe) also show events.k8s.io/v1 events
                if (coreEvents && "events.k8s.io/v1".equals(n.path("apiVersion").asText())) {
                    n = coreEvent(n);
                }
                if (fs.matches(n) && n.path("apiVersion").asText(gv).equals(gv)) {
                    items.add(n);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return items;
    }

    /** events.k8s.io/v1 Event as the core/v1 API shows it. */
    static JsonNode coreEvent(JsonNode e) {
        ObjectNode c = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Event");
        c.set("metadata", e.path("metadata").deepCopy());
        copy(e, "regarding", c, "involvedObject");
        copy(e, "related", c, "related");
        copy(e, "reason", c, "reason");
        copy(e, "note", c, "message");
        copy(e, "type", c, "type");
        copy(e, "action", c, "action");
        copy(e, "eventTime", c, "eventTime");
        copy(e, "series", c, "series");
        copy(e, "reportingController", c, "reportingComponent");
        copy(e, "reportingInstance", c, "reportingInstance");
        copy(e, "deprecatedFirstTimestamp", c, "firstTimestamp");
        copy(e, "deprecatedLastTimestamp", c, "lastTimestamp");
        copy(e, "deprecatedCount", c, "count");
        if (e.hasNonNull("deprecatedSource")) {
            c.set("source", e.get("deprecatedSource").deepCopy());
        } else if (e.hasNonNull("reportingController")) {
            c.putObject("source").put("component", e.get("reportingController").asText());
        }
        return c;
    }

    private static void copy(JsonNode from, String field, ObjectNode to, String as) {
        if (from.hasNonNull(field)) {
            to.set(as, from.get(field).deepCopy());
        }
    }

    private AttributeSet query(Target t, Map<String, String> params) {
        String p = t.name() == null ? t.collectionPath() : t.objectPath();
        String ls = params.get("labelSelector");
        if (ls != null && !ls.isEmpty()) {
            p += "?labelSelector=" + URLEncoder.encode(ls, StandardCharsets.UTF_8);
        }
        return extractor().fromPath(p);
    }

    // =================================================================== create / update / patch / delete

    /** Who writes, through which subresource, and (for an apply) the managed fields already worked out. */
    record Write(String manager, String subresource, List<ManagedFieldsEntry> managedFields) {
        Write withManagedFields(List<ManagedFieldsEntry> entries) {
            return new Write(manager, subresource, entries);
        }
    }

    /** The field manager of a non-apply write: the {@code fieldManager} parameter, else the user agent's product. */
    static Write updateWrite(RecordedRequest request, Map<String, String> params, Target t) throws ApiException {
        String manager = params.get("fieldManager");
        if (manager == null || manager.isEmpty()) {
            String agent = request.getHeader("User-Agent");
            manager = agent == null || agent.isBlank() ? "unknown" : agent.split("/", 2)[0];
            if (manager.length() > 128) {
                manager = manager.substring(0, 128);
            }
        }
        checkFieldManager(manager);
        return new Write(manager, t.subresource(), null);
    }

    private static void checkFieldManager(String manager) throws ApiException {
        if (manager.length() > 128) {
            throw patchOptionsInvalid("fieldManager", "FieldValueTooLong", "Too long: may not be more than 128 bytes");
        }
    }

    private static ApiException patchOptionsInvalid(String field, String reason, String message) {
        ObjectNode details = JSON.createObjectNode().put("group", "meta.k8s.io").put("kind", "PatchOptions");
        details.putArray("causes")
                .addObject()
                .put("reason", reason)
                .put("message", message)
                .put("field", field);
        return new ApiException(
                422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: " + field + ": " + message, details);
    }

    /** Which part of the object a write to this target may change. */
    static FieldManager.Scope scope(Target t) {
        if ("status".equals(t.subresource())) {
            return FieldManager.Scope.STATUS_ONLY;
        }
        return t.type().statusSubresource() ? FieldManager.Scope.WITHOUT_STATUS : FieldManager.Scope.ALL;
    }

    /** The schema server-side apply merges a kind by: built-in documents, or the CRD's structural schema. */
    TypeDef typeDef(ResourceType type) {
        String key = type.groupVersion() + "/" + type.kind();
        return typeDefs.computeIfAbsent(key, k -> {
            if (type.builtin()) {
                TypeDef t = Schemas.builtins().forKind(type.group(), type.version(), type.kind());
                return t == null ? TypeDef.UNTYPED : t;
            }
            JsonNode schema = JSON.valueToTree(type.crd()).path("spec").path("versions");
            for (JsonNode v : schema) {
                if (v.path("name").asText().equals(type.version())) {
                    return Schemas.builtins().forCustomResource(v.path("schema").path("openAPIV3Schema"));
                }
            }
            return Schemas.builtins().forCustomResource(null);
        });
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Without the managed fields, as field management compares objects. */
    private static ObjectNode withoutManagedFields(ObjectNode obj) {
        if (obj == null) {
            return null;
        }
        ObjectNode copy = obj.deepCopy();
        if (copy.get("metadata") instanceof ObjectNode m) {
            m.remove("managedFields");
        }
        return copy;
    }

    /** How the API server stores an object: defaults of built-in kinds, nulls and empty collections gone. */
    private ObjectNode normalize(ResourceType type, ObjectNode obj) {
        BuiltinDefaults.apply(type, obj);
        TypeDef td = typeDef(type);
        if (type.builtin()) {
            return (ObjectNode) TypedValues.omitEmpty(obj, td);
        }
        // a custom resource is stored as sent, but its metadata goes through ObjectMeta
        if (obj.get("metadata") instanceof ObjectNode meta) {
            obj.set("metadata", TypedValues.omitEmpty(meta, Schemas.builtins().objectMeta()));
        }
        return obj;
    }

    private void setManagedFields(ObjectNode obj, List<ManagedFieldsEntry> entries) {
        ObjectNode meta = obj.with("metadata");
        if (entries.isEmpty()) {
            meta.remove("managedFields");
        } else {
            meta.set("managedFields", ManagedFieldsEntry.encode(entries));
        }
    }

    private MockResponse create(Target t, ObjectNode obj, Write write) throws ApiException {
        ResourceType type = t.type();
        defaultTypeMeta(type, obj);
        ObjectNode meta = obj.with("metadata");
        if (type.namespaced()) {
            String ns = meta.path("namespace").asText("");
            if (!ns.isEmpty() && !ns.equals(t.namespace())) {
                throw new ApiException(
                        400,
                        "BadRequest",
                        "the namespace of the provided object does not match the namespace " + "sent on the request",
                        null);
            }
            meta.put("namespace", t.namespace());
        } else {
            meta.remove("namespace");
        }
        String name = meta.path("name").asText("");
        if (name.isEmpty() && meta.path("generateName").asText("").isEmpty()) {
            throw invalid(type, "", List.of("metadata.name: Required value: name or generateName is required"));
        }
        if (name.isEmpty()) {
            name = meta.path("generateName").asText() + Long.toString(System.nanoTime() % 0x1000000L, 36);
            meta.put("name", name);
        }
        // refused before anything uses the name as part of a path; a custom resource with all of its schema's messages
        List<String> nameErrors = ObjectNameValidation.nameErrors(name);
        if (!nameErrors.isEmpty()) {
            if (!type.builtin()) {
                admit(type, "CREATE", obj.deepCopy(), null);
            }
            throw invalid(
                    type,
                    name,
                    List.of("metadata.name: Invalid value: \"" + name + "\": " + String.join(", ", nameErrors)));
        }
        Target objTarget = new Target(type, t.namespace(), name, null);
        lock.writeLock().lock();
        try {
            if (stored(objTarget.objectPath()) != null) {
                throw new ApiException(
                        409,
                        "AlreadyExists",
                        type.qualifiedPlural() + " \"" + name + "\" already exists",
                        details(type, name));
            }
            if (type.namespaced() && strictNamespaces) {
                ObjectNode ns = stored("/api/v1/namespaces/" + t.namespace());
                if (ns == null) {
                    throw new ApiException(
                            404,
                            "NotFound",
                            "namespaces \"" + t.namespace() + "\" not found",
                            JSON.createObjectNode().put("name", t.namespace()).put("kind", "namespaces"));
                }
                if (ns.path("metadata").has("deletionTimestamp")) {
                    throw new ApiException(
                            403,
                            "Forbidden",
                            type.qualifiedPlural() + " \"" + name + "\" is forbidden: unable "
                                    + "to create new content in namespace " + t.namespace()
                                    + " because it is being terminated",
                            details(type, name));
                }
            }
            if (type.plural().equals("namespaces") && type.group().isEmpty()) {
                ArrayNode fin = obj.with("spec").withArray("finalizers");
                if (fin.isEmpty()) {
                    fin.add("kubernetes");
                }
            }
            meta.remove("deletionTimestamp");
            meta.remove("resourceVersion");
            meta.remove("managedFields");
            if (type.statusSubresource() && write.managedFields() == null) {
                obj.remove("status");
            }
            ObjectNode admitted = normalize(type, admit(type, "CREATE", obj, null));
            List<ManagedFieldsEntry> entries = write.managedFields() != null
                    ? write.managedFields()
                    : FieldManager.update(
                            null,
                            admitted,
                            typeDef(type),
                            List.of(),
                            write.manager(),
                            type.groupVersion(),
                            null,
                            scope(objTarget),
                            now());
            setManagedFields(admitted, entries);
            if (dryRun.get()) {
                ObjectNode m = admitted.with("metadata");
                m.put("uid", java.util.UUID.randomUUID().toString());
                m.put("creationTimestamp", now());
                m.put("generation", 1);
                if (type.statusSubresource()) {
                    admitted.remove("status");
                }
                return json(201, admitted);
            }
            MockResponse r = super.handleCreate(internal(HttpMethod.POST, t.collectionPath(), admitted));
            if (r.code() >= 300) {
                return passThrough(r);
            }
            ObjectNode created = stored(objTarget.objectPath());
            ObjectNode initialStatus = initialStatus(type, created);
            if (initialStatus != null) {
                created.set("status", initialStatus);
                storeDirect(objTarget.objectPath(), created);
                created = stored(objTarget.objectPath());
            }
            return json(201, created);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** What the API server (or a controller in the same instant) puts into status on creation. */
    private static ObjectNode initialStatus(ResourceType type, ObjectNode created) {
        if (type.group().isEmpty() && type.plural().equals("namespaces")) {
            return JSON.createObjectNode().put("phase", "Active");
        }
        if (type.plural().equals("customresourcedefinitions") && type.group().equals("apiextensions.k8s.io")) {
            ObjectNode status = JSON.createObjectNode();
            status.set("acceptedNames", created.path("spec").path("names").deepCopy());
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            ArrayNode conditions = status.putArray("conditions");
            conditions
                    .addObject()
                    .put("type", "NamesAccepted")
                    .put("status", "True")
                    .put("reason", "NoConflicts")
                    .put("message", "no conflicts found")
                    .put("lastTransitionTime", now);
            conditions
                    .addObject()
                    .put("type", "Established")
                    .put("status", "True")
                    .put("reason", "InitialNamesAccepted")
                    .put("message", "the initial names have been accepted")
                    .put("lastTransitionTime", now);
            ArrayNode stored = status.putArray("storedVersions");
            created.path("spec").path("versions").forEach(v -> {
                if (v.path("storage").asBoolean(false)) {
                    stored.add(v.path("name").asText());
                }
            });
            return status;
        }
        return null;
    }

    private static void defaultTypeMeta(ResourceType type, ObjectNode obj) {
        if (!obj.hasNonNull("apiVersion")) {
            obj.put("apiVersion", type.groupVersion());
        }
        if (!obj.hasNonNull("kind")) {
            obj.put("kind", type.kind());
        }
    }

    /**
     * PUT semantics of the API server. {@code current} may be given when the caller already holds the write lock and
     * has read the object (patch).
     */
    private MockResponse update(Target t, ObjectNode obj, ObjectNode currentOrNull, Write write) throws ApiException {
        ResourceType type = t.type();
        lock.writeLock().lock();
        try {
            ObjectNode current = currentOrNull != null ? currentOrNull : stored(t.objectPath());
            if (current == null) {
                throw notFound(t);
            }
            defaultTypeMeta(type, obj);
            ObjectNode meta = obj.with("metadata");
            String rv = meta.path("resourceVersion").asText("");
            String currentRv = current.path("metadata").path("resourceVersion").asText("");
            if (!rv.isEmpty() && !rv.equals(currentRv)) {
                throw staleVersion(type, t.name());
            }
            String name = meta.path("name").asText("");
            if (!name.isEmpty() && !name.equals(t.name())) {
                throw new ApiException(
                        400,
                        "BadRequest",
                        "the name of the object (" + name + ") does not match the name on " + "the URL (" + t.name()
                                + ")",
                        null);
            }
            // what the client cannot change: identity, bookkeeping and deletion state come from the stored object
            JsonNode cm = current.path("metadata");
            for (String f : List.of(
                    "name",
                    "namespace",
                    "uid",
                    "creationTimestamp",
                    "deletionTimestamp",
                    "deletionGracePeriodSeconds",
                    "generation")) {
                if (cm.has(f)) {
                    meta.set(f, cm.get(f).deepCopy());
                } else {
                    meta.remove(f);
                }
            }
            meta.put("resourceVersion", currentRv);
            boolean namespace = type.group().isEmpty() && type.plural().equals("namespaces");
            String sub = t.subresource();
            ObjectNode next;
            if ("finalize".equals(sub)) {
                next = current.deepCopy();
                ((ObjectNode) next.with("spec"))
                        .set("finalizers", obj.path("spec").path("finalizers").deepCopy());
            } else {
                next = FieldManager.reset(current, obj, scope(t));
                if (namespace && sub == null) {
                    next.with("spec")
                            .set(
                                    "finalizers",
                                    current.path("spec").path("finalizers").deepCopy());
                }
            }
            if ("status".equals(sub) && next.get("metadata") instanceof ObjectNode nm && obj.get("metadata") != null) {
                nm.set(
                        "managedFields",
                        obj.path("metadata").path("managedFields").deepCopy());
            }
            if (type.crd() != null) {
                ObjectNode admitted = admit(type, "UPDATE", next, current);
                next = FieldManager.reset(current, admitted, scope(t));
            }
            next = normalize(type, next);
            List<ManagedFieldsEntry> entries = write.managedFields();
            if (entries == null) {
                List<ManagedFieldsEntry> base =
                        ManagedFieldsEntry.decode(current.path("metadata").get("managedFields"));
                JsonNode sent = obj.path("metadata").get("managedFields");
                if (sent != null && sent.isArray() && !sent.isEmpty() && !sent.equals(cm.get("managedFields"))) {
                    // a client may replace the managed fields ([{}] clears them), as on a real API server
                    base = ManagedFieldsEntry.decode(sent);
                }
                entries = FieldManager.update(
                        withoutManagedFields(current),
                        withoutManagedFields(next),
                        typeDef(type),
                        base,
                        write.manager(),
                        type.groupVersion(),
                        sub,
                        scope(t),
                        now());
            }
            setManagedFields(next, entries);
            if (sub == null && current.path("metadata").has("generation") && specChanged(type, current, next)) {
                next.with("metadata")
                        .put(
                                "generation",
                                current.path("metadata").path("generation").asLong() + 1);
            }
            if (sameObject(current, next)) {
                return json(200, current);
            }
            if (dryRun.get()) {
                return json(200, next);
            }
            storeDirect(t.objectPath(), next);
            ObjectNode after = stored(t.objectPath());
            return json(200, after != null ? after : next);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Whether a write changed what the object's generation counts: all but metadata and status. */
    private static boolean specChanged(ResourceType type, ObjectNode before, ObjectNode after) {
        ObjectNode a = before.deepCopy();
        ObjectNode b = after.deepCopy();
        a.remove(List.of("metadata", "status"));
        b.remove(List.of("metadata", "status"));
        if (type.group().equals("apps")
                && type.plural().equals("deployments")
                && !before.path("metadata")
                        .path("annotations")
                        .equals(after.path("metadata").path("annotations"))) {
            return true;
        }
        return !a.equals(b);
    }

    /** Equal but for the resourceVersion and the times in managedFields: a write that changes nothing. */
    private static boolean sameObject(ObjectNode a, ObjectNode b) {
        return TypedValues.sameValue(comparable(a), comparable(b));
    }

    private static ObjectNode comparable(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        if (c.get("metadata") instanceof ObjectNode m) {
            m.remove("resourceVersion");
            m.path("managedFields").forEach(e -> {
                if (e instanceof ObjectNode entry) {
                    entry.remove("time");
                }
            });
        }
        return c;
    }

    private MockResponse patch(Target t, RecordedRequest request, Map<String, String> params) throws ApiException {
        String contentType = request.getHeader("Content-Type");
        String ct = contentType == null ? "" : contentType.toLowerCase();
        String raw =
                request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        if (ct.startsWith("application/apply-patch")) {
            return apply(t, raw, params);
        }
        Write write = updateWrite(request, params, t);
        lock.writeLock().lock();
        try {
            ObjectNode current = stored(t.objectPath());
            if (current == null) {
                throw notFound(t);
            }
            JsonNode merged;
            if (ct.startsWith("application/json-patch+json")) {
                merged = jsonPatch(raw, current);
            } else if (ct.startsWith("application/merge-patch+json")) {
                merged = JsonPatches.mergePatch(current, readJsonBody(raw));
            } else if (ct.startsWith("application/strategic-merge-patch+json")) {
                if (!t.type().builtin()) {
                    throw new ApiException(
                            415,
                            "UnsupportedMediaType",
                            "the body of the request was in an unknown format - "
                                    + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                                    + "application/apply-patch+yaml",
                            null);
                }
                merged = JsonPatches.strategicMergePatch(current, readJsonBody(raw));
            } else {
                throw new ApiException(
                        415,
                        "UnsupportedMediaType",
                        "the body of the request was in an unknown format - "
                                + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                                + "application/apply-patch+yaml, application/strategic-merge-patch+json",
                        null);
            }
            if (merged == null || !merged.isObject()) {
                throw new ApiException(422, "Invalid", "the patch did not produce an object", null);
            }
            return update(t, (ObjectNode) merged, current, write);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static JsonNode jsonPatch(String raw, JsonNode target) throws ApiException {
        try {
            return JsonPatch.apply(readJson(raw), target);
        } catch (RuntimeException e) {
            throw new ApiException(
                    422,
                    "Invalid",
                    "the server rejected our request due to an error in our request: " + e.getMessage(),
                    null);
        }
    }

    /** A write whose resourceVersion is not the stored one. */
    private static ApiException staleVersion(ResourceType type, String name) {
        return new ApiException(
                409,
                "Conflict",
                "Operation cannot be fulfilled on " + type.qualifiedPlural() + " \"" + name
                        + "\": the object has been modified; please apply your changes to the latest version and try "
                        + "again",
                details(type, name));
    }

    private static JsonNode readJsonBody(String raw) throws ApiException {
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "BadRequest", "error decoding patch: " + e.getOriginalMessage(), null);
        }
    }

    /** Server-side apply ({@code application/apply-patch+yaml}, a YAML or JSON body). */
    private MockResponse apply(Target t, String raw, Map<String, String> params) throws ApiException {
        String manager = params.getOrDefault("fieldManager", "");
        if (manager.isEmpty()) {
            throw patchOptionsInvalid(
                    "fieldManager", "FieldValueRequired", "Required value: is required for apply patch");
        }
        checkFieldManager(manager);
        boolean force = "true".equalsIgnoreCase(params.getOrDefault("force", ""));
        // a JSON body is read as JSON, so that its numbers have the same types as the stored object's
        JsonNode body = raw.stripLeading().startsWith("{") ? readJsonOrYaml(raw) : readYaml(raw);
        if (body == null || !body.isObject()) {
            throw new ApiException(
                    400, "BadRequest", "error decoding YAML: the apply configuration is not an object", null);
        }
        ObjectNode config = (ObjectNode) body;
        ResourceType type = t.type();
        String apiVersion = config.path("apiVersion").asText("");
        String kind = config.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            throw new ApiException(
                    400, "BadRequest", "invalid object type: " + group + "/" + version + ", Kind=" + kind, null);
        }
        if (!apiVersion.equals(type.groupVersion()) || !kind.equals(type.kind())) {
            throw new ApiException(
                    400,
                    "BadRequest",
                    "the API version in the data (" + apiVersion + ") does not match the " + "expected API version ("
                            + type.groupVersion() + ")",
                    null);
        }
        JsonNode meta = config.path("metadata");
        String name = meta.path("name").asText("");
        if (!name.isEmpty() && !name.equals(t.name())) {
            throw new ApiException(
                    400,
                    "BadRequest",
                    "the name of the object (" + name + ") does not match the name on the " + "URL (" + t.name() + ")",
                    null);
        }
        String namespace = meta.path("namespace").asText("");
        if (type.namespaced() && !namespace.isEmpty() && !namespace.equals(t.namespace())) {
            throw new ApiException(
                    400,
                    "BadRequest",
                    "the namespace of the provided object does not match the namespace " + "sent on the request",
                    null);
        }
        if (meta.has("managedFields")) {
            throw invalid(type, t.name(), List.of("metadata.managedFields: Invalid value: must be nil"));
        }
        lock.writeLock().lock();
        try {
            ObjectNode current = stored(t.objectPath());
            if (current == null && t.subresource() != null) {
                throw notFound(t);
            }
            String rv = meta.path("resourceVersion").asText("");
            // a resourceVersion is a precondition on an existing object; an apply that creates ignores it (JOSDK sends
            // "1"
            // so that it never overwrites an object it did not see)
            if (!rv.isEmpty()
                    && current != null
                    && !rv.equals(
                            current.path("metadata").path("resourceVersion").asText())) {
                throw staleVersion(type, t.name());
            }
            List<ManagedFieldsEntry> entries = current == null
                    ? List.of()
                    : ManagedFieldsEntry.decode(current.path("metadata").get("managedFields"));
            FieldManager.Result result;
            try {
                result = FieldManager.apply(
                        withoutManagedFields(current),
                        config,
                        typeDef(type),
                        entries,
                        manager,
                        type.groupVersion(),
                        t.subresource(),
                        scope(t),
                        force,
                        now());
            } catch (TypedValueException e) {
                String where = (type.namespaced() ? t.namespace() + "/" : "") + t.name();
                throw new ApiException(
                        500,
                        null,
                        "failed to create typed patch object (" + where + "; " + type.groupVersion() + ", Kind="
                                + type.kind() + "): " + e.getMessage(),
                        null);
            } catch (ApplyConflictException e) {
                ObjectNode details = JSON.createObjectNode();
                ArrayNode causes = details.putArray("causes");
                e.conflicts()
                        .forEach(c -> causes.addObject()
                                .put("reason", "FieldManagerConflict")
                                .put("message", "conflict with " + c.manager())
                                .put("field", c.field()));
                throw new ApiException(409, "Conflict", e.getMessage(), details);
            }
            ObjectNode merged = result.object();
            Write write = new Write(manager, t.subresource(), result.managedFields());
            if (current == null) {
                merged.with("metadata").put("name", t.name());
                return create(new Target(type, t.namespace(), null, null), merged, write);
            }
            return update(t, merged, current, write);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private MockResponse delete(Target t, Map<String, String> params) throws ApiException {
        lock.writeLock().lock();
        try {
            if (t.name() == null) {
                List<JsonNode> victims = list(t, params);
                if (dryRun.get()) {
                    victims = List.of();
                }
                ObjectNode result = JSON.createObjectNode()
                        .put("apiVersion", t.type().groupVersion())
                        .put("kind", t.type().kind() + "List");
                result.putObject("metadata");
                ArrayNode items = result.putArray("items");
                for (JsonNode v : victims) {
                    Target one = new Target(
                            t.type(),
                            v.path("metadata").path("namespace").asText(null),
                            v.path("metadata").path("name").asText(),
                            null);
                    deleteOne(one);
                    items.add(v);
                }
                return json(200, result);
            }
            if (t.subresource() != null) {
                throw new ApiException(
                        405,
                        "MethodNotAllowed",
                        "the server does not allow this method on the requested " + "resource",
                        null);
            }
            if (dryRun.get()) {
                ObjectNode current = stored(t.objectPath());
                if (current == null) {
                    throw notFound(t);
                }
                return json(200, current);
            }
            return json(200, deleteOne(t));
        } finally {
            lock.writeLock().unlock();
        }
    }

    private JsonNode deleteOne(Target t) throws ApiException {
        ObjectNode current = stored(t.objectPath());
        if (current == null) {
            throw notFound(t);
        }
        if (CrdDeletion.isCrd(t.type())) {
            crdDeletion.markTerminating(current).ifPresent(terminating -> storeDirect(t.objectPath(), terminating));
            return stored(t.objectPath());
        }
        boolean namespace = t.type().group().isEmpty() && t.type().plural().equals("namespaces");
        if (namespace && current.path("spec").path("finalizers").size() > 0) {
            if (!current.path("metadata").has("deletionTimestamp")) {
                ObjectNode next = current.deepCopy();
                next.with("metadata")
                        .put(
                                "deletionTimestamp",
                                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                next.with("metadata").put("deletionGracePeriodSeconds", 0);
                next.with("status").put("phase", "Terminating");
                storeDirect(t.objectPath(), next);
            }
            return stored(t.objectPath());
        }
        markDeletedOrRemove(t.objectPath());
        ObjectNode after = stored(t.objectPath());
        return after != null ? after : current;
    }

    /**
     * The mock's delete without its scan of the whole store: with finalizers the object gets a deletionTimestamp and
     * stays until they are gone, otherwise it is removed.
     */
    private void markDeletedOrRemove(String objectPath) {
        AttributeSet key = getKey(objectPath);
        Map.Entry<AttributeSet, String> e = findResource(key);
        if (e == null) {
            return;
        }
        ObjectNode current = (ObjectNode) readJson(e.getValue());
        JsonNode meta = current.path("metadata");
        if (meta.path("finalizers").isEmpty()) {
            processEvent(objectPath, key, e.getKey(), null, null);
        } else if (!meta.hasNonNull("deletionTimestamp")) {
            ObjectNode m = current.with("metadata");
            m.put(
                    "deletionTimestamp",
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            m.put("resourceVersion", String.valueOf(requestResourceVersion()));
            processEvent(objectPath, key, e.getKey(), null, current.toString());
        }
    }

    /** Replaces a stored object without the mock's handlers (used where they would do the wrong thing). */
    private void storeDirect(String objectPath, ObjectNode next) {
        lock.writeLock().lock();
        try {
            AttributeSet key = getKey(objectPath);
            Map.Entry<AttributeSet, String> e = findResource(key);
            next.with("metadata").put("resourceVersion", String.valueOf(requestResourceVersion()));
            processEvent(objectPath, key, e == null ? null : e.getKey(), null, next.toString());
        } finally {
            lock.writeLock().unlock();
        }
    }

    // =================================================================== admission

    private ObjectNode admit(ResourceType type, String operation, ObjectNode obj, ObjectNode old) throws ApiException {
        AdmissionHook hook = admission;
        if (hook == null || type.crd() == null) {
            return obj;
        }
        AdmissionResult r;
        try {
            r = hook.admit(operation, type.crd(), obj.deepCopy(), old == null ? null : old.deepCopy());
        } catch (RuntimeException e) {
            LOG.warn("Admission hook failed", e);
            throw new ApiException(500, "InternalError", "Internal error occurred: admission failed: " + e, null);
        }
        if (r == null) {
            return obj;
        }
        if (!r.allowed()) {
            String name = obj.path("metadata").path("name").asText();
            int code = r.code() > 0 ? r.code() : 422;
            String reason =
                    r.reason() == null || r.reason().isBlank() ? (code == 422 ? "Invalid" : "BadRequest") : r.reason();
            List<String> causes = r.causes() == null ? List.of() : r.causes();
            String message = r.message() == null || r.message().isBlank() ? String.join(", ", causes) : r.message();
            if (code == 422) {
                return rethrow(invalid(type, name, message, causes));
            }
            ObjectNode details = details(type, name);
            addCauses(details, causes);
            throw new ApiException(code, reason, message, details);
        }
        return r.object() != null ? r.object() : obj;
    }

    private static ObjectNode rethrow(ApiException e) throws ApiException {
        throw e;
    }

    private static ApiException invalid(ResourceType type, String name, List<String> causes) {
        return invalid(type, name, String.join(", ", causes), causes);
    }

    private static ApiException invalid(ResourceType type, String name, String message, List<String> causes) {
        String prefix = type.qualifiedKind() + " \"" + name + "\" is invalid: ";
        String full = message.startsWith(type.qualifiedKind() + " \"") ? message : prefix + message;
        ObjectNode details = details(type, name);
        details.put("kind", type.kind());
        addCauses(details, causes);
        return new ApiException(422, "Invalid", full, details);
    }

    private static void addCauses(ObjectNode details, List<String> causes) {
        if (causes.isEmpty()) {
            return;
        }
        ArrayNode arr = details.putArray("causes");
        for (String c : causes) {
            Matcher m = CAUSE.matcher(c);
            ObjectNode cause = arr.addObject().put("reason", "FieldValueInvalid");
            if (m.matches()) {
                cause.put("message", m.group(2)).put("field", m.group(1));
            } else {
                cause.put("message", c);
            }
        }
    }

    // =================================================================== mock overrides

    @Override
    public Map.Entry<AttributeSet, String> findResource(AttributeSet attributes) {
        return store.first(attributes);
    }

    @Override
    public JsonNode merge(JsonNode baseResource, String updatedResource) {
        return JsonPatches.mergePatch(baseResource, readJson(updatedResource));
    }

    @Override
    public void preserveMetadata(JsonNode currentResource, JsonNode updatedResource) {
        super.preserveMetadata(currentResource, updatedResource);
        JsonNode cm = currentResource.path("metadata");
        ObjectNode um = (ObjectNode) updatedResource.get("metadata");
        if (um.path("namespace").isNull()) {
            um.remove("namespace");
        }
        for (String f : List.of("deletionTimestamp", "deletionGracePeriodSeconds")) {
            if (cm.has(f)) {
                um.set(f, cm.get(f).deepCopy());
            }
        }
    }

    @Override
    public boolean isStatusSubresourceEnabledForResource(String path) {
        Map<String, String> attrs = extractor().fromKubernetesPath(path);
        String api = attrs.getOrDefault(KubernetesAttributesExtractor.API, "");
        String plural = attrs.get(KubernetesAttributesExtractor.PLURAL);
        for (ResourceType t : ApiResources.BUILTINS) {
            if (t.group().equals(api) && t.plural().equals(plural)) {
                return t.statusSubresource();
            }
        }
        return super.isStatusSubresourceEnabledForResource(path);
    }

    @Override
    public void processEvent(
            String path,
            AttributeSet pathAttributes,
            AttributeSet oldAttributes,
            GenericKubernetesResource resource,
            String newState) {
        lock.writeLock().lock();
        try {
            if (newState != null) {
                JsonNode parsed = readJson(newState);
                if (parsed.path("metadata").path("namespace").isNull()) {
                    ((ObjectNode) parsed.get("metadata")).remove("namespace");
                    newState = parsed.toString();
                    resource = null;
                }
                if (finalizable(parsed)) {
                    resource = null;
                    newState = null;
                }
            }
            String existing = oldAttributes == null ? null : map.get(oldAttributes);
            super.processEvent(path, pathAttributes, oldAttributes, resource, newState);
            if (path.startsWith("/apis/apiextensions.k8s.io/")) {
                crdTypes = null;
                typeDefs.clear();
            }
            if (!Objects.equals(existing, newState) && !httpWatches.isEmpty()) {
                AttributeSet newAttributes = null;
                if (newState != null) {
                    newAttributes = resource != null
                            ? extractor().extract(resource)
                            : extractor().fromResource(newState);
                    if (!newAttributes.containsKey(KubernetesAttributesExtractor.PLURAL)) {
                        newAttributes = AttributeSet.merge(pathAttributes, newAttributes);
                    }
                }
                for (HttpWatch w : httpWatches) {
                    w.onChange(oldAttributes, existing, newAttributes, newState);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Marked for deletion and nothing left to wait for: the API server removes it. */
    private static boolean finalizable(JsonNode n) {
        JsonNode meta = n.path("metadata");
        if (!meta.hasNonNull("deletionTimestamp") || meta.path("finalizers").size() > 0) {
            return false;
        }
        return !("Namespace".equals(n.path("kind").asText())
                && n.path("spec").path("finalizers").size() > 0);
    }

    // =================================================================== HTTP watches

    /** Receives the lines of a watch stream; implemented by the web server over a chunked HTTP response. */
    public interface WatchSink {
        void send(String line);
    }

    /** How many mutating requests ({@code METHOD path}) so far matched the filter. */
    public long mutatingRequests(java.util.function.Predicate<String> filter) {
        return mutatingRequests.entrySet().stream()
                .filter(e -> filter.test(e.getKey()))
                .mapToLong(e -> e.getValue().sum())
                .sum();
    }

    /** Number of plain-HTTP watch streams currently open (kubectl wait / get -w). */
    public int openHttpWatches() {
        return httpWatches.size();
    }

    /** A plain-HTTP watch: GET with watch=true and no WebSocket upgrade. */
    static boolean isHttpWatch(RecordedRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return request.method() == HttpMethod.GET
                && (upgrade == null || !upgrade.equalsIgnoreCase("websocket"))
                && isWatch(queryParams(request.getPath()));
    }

    /**
     * Opens a watch stream: sends the initial events and registers for the following ones.
     *
     * @return a handle that stops the watch
     */
    Runnable openHttpWatch(RecordedRequest request, WatchSink sink) throws ApiException {
        String raw = request.getPath();
        Map<String, String> params = queryParams(raw);
        Target t = target(pathOnly(raw));
        boolean table = TableConverter.wantsTable(request.getHeader("Accept"));
        HttpWatch w = new HttpWatch(t, query(t, params), FieldSelector.parse(params.get("fieldSelector")), table, sink);
        String rvParam = params.getOrDefault("resourceVersion", "");
        long since = rvParam.isEmpty() ? -1 : parseLong(rvParam);
        lock.writeLock().lock();
        try {
            for (JsonNode item : list(t, params)) {
                long itemRv =
                        parseLong(item.path("metadata").path("resourceVersion").asText("0"));
                if (since <= 0) {
                    w.send("ADDED", item);
                } else if (itemRv > since) {
                    w.send("MODIFIED", item);
                }
            }
            httpWatches.add(w);
        } finally {
            lock.writeLock().unlock();
        }
        return () -> httpWatches.remove(w);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private final class HttpWatch {
        final Target target;
        final AttributeSet query;
        final FieldSelector fieldSelector;
        final boolean table;
        final WatchSink sink;
        boolean first = true;

        HttpWatch(Target target, AttributeSet query, FieldSelector fieldSelector, boolean table, WatchSink sink) {
            this.target = target;
            this.query = query;
            this.fieldSelector = fieldSelector;
            this.table = table;
            this.sink = sink;
        }

        void onChange(AttributeSet oldAttributes, String oldState, AttributeSet newAttributes, String newState) {
            JsonNode oldObj = oldState == null ? null : readJson(oldState);
            JsonNode newObj = newState == null ? null : readJson(newState);
            boolean matchesOld = oldAttributes != null
                    && oldObj != null
                    && oldAttributes.matches(query)
                    && fieldSelector.matches(oldObj);
            boolean matchesNew = newAttributes != null
                    && newObj != null
                    && newAttributes.matches(query)
                    && fieldSelector.matches(newObj);
            try {
                if (matchesOld && matchesNew) {
                    send("MODIFIED", newObj);
                } else if (matchesOld) {
                    send("DELETED", oldObj);
                } else if (matchesNew) {
                    send("ADDED", newObj);
                }
            } catch (RuntimeException e) {
                httpWatches.remove(this);
            }
        }

        void send(String type, JsonNode object) {
            JsonNode payload = table
                    ? TableConverter.table(
                            JSON,
                            target.type(),
                            List.of(object),
                            object.path("metadata").path("resourceVersion").asText(),
                            true)
                    : object;
            first = false;
            ObjectNode event = JSON.createObjectNode().put("type", type);
            event.set("object", payload);
            sink.send(event + "\n");
        }
    }

    // =================================================================== helpers

    static RecordedRequest internal(HttpMethod method, String path, JsonNode body) {
        Headers headers =
                Headers.builder().add("Content-Type", "application/json").build();
        return new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                headers,
                new Buffer(body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static ObjectNode body(RecordedRequest request) throws ApiException {
        String raw =
                request.getBody() == null ? "" : new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
        String ct = request.getHeader("Content-Type");
        JsonNode n = ct != null && ct.contains("yaml") ? readYaml(raw) : readJsonOrYaml(raw);
        if (n == null || !n.isObject()) {
            throw new ApiException(400, "BadRequest", "the request body is not an object", null);
        }
        return (ObjectNode) n;
    }

    static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode readJsonOrYaml(String s) throws ApiException {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return readYaml(s);
        }
    }

    private static JsonNode readYaml(String s) throws ApiException {
        try {
            return YAML.readTree(s);
        } catch (JsonProcessingException e) {
            throw new ApiException(
                    400, "BadRequest", "error decoding the request body: " + e.getOriginalMessage(), null);
        }
    }

    private static MockResponse json(int code, JsonNode body) {
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body.toString());
    }

    private static MockResponse passThrough(MockResponse r) {
        return r.setHeader("Content-Type", "application/json");
    }

    static MockResponse status(ApiException e) {
        ObjectNode s = JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure").put("message", e.getMessage());
        if (e.reason != null) {
            s.put("reason", e.reason);
        }
        if (e.details != null) {
            s.set("details", e.details);
        }
        s.put("code", e.code);
        return json(e.code, s);
    }

    private static ObjectNode details(ResourceType type, String name) {
        ObjectNode d = JSON.createObjectNode().put("name", name);
        if (!type.group().isEmpty()) {
            d.put("group", type.group());
        }
        return d.put("kind", type.plural());
    }

    private static ApiException notFound(Target t) {
        return new ApiException(
                404,
                "NotFound",
                t.type().qualifiedPlural() + " \"" + t.name() + "\" not found",
                details(t.type(), t.name()));
    }

    private static ApiException notFoundPath() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource", null);
    }

    /** {@code fieldSelector}: comma-separated {@code path=value}, {@code path==value}, {@code path!=value}. */
    record FieldSelector(List<String[]> requirements) {
        static FieldSelector parse(String s) {
            List<String[]> reqs = new ArrayList<>();
            if (s != null) {
                for (String part : s.split(",")) {
                    part = part.trim();
                    if (part.isEmpty()) {
                        continue;
                    }
                    int ne = part.indexOf("!=");
                    if (ne > 0) {
                        reqs.add(new String[] {part.substring(0, ne), "!=", part.substring(ne + 2)});
                        continue;
                    }
                    int eq = part.indexOf("==");
                    if (eq > 0) {
                        reqs.add(new String[] {part.substring(0, eq), "=", part.substring(eq + 2)});
                        continue;
                    }
                    int e1 = part.indexOf('=');
                    if (e1 > 0) {
                        reqs.add(new String[] {part.substring(0, e1), "=", part.substring(e1 + 1)});
                    }
                }
            }
            return new FieldSelector(reqs);
        }

        boolean matches(JsonNode obj) {
            for (String[] r : requirements) {
                List<JsonNode> found = JsonPathLite.read(obj, "." + r[0]);
                String actual = found.isEmpty() ? "" : JsonPathLite.text(found.get(0));
                boolean eq = actual.equals(r[2]);
                if (r[1].equals("=") != eq) {
                    return false;
                }
            }
            return true;
        }
    }
}
