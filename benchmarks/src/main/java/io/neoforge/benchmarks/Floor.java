package io.neoforge.benchmarks;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.operator.database.PasswordGenerator;
import io.neoforge.operator.database.TenantDatabase;
import io.neoforge.operator.database.TenantDatabaseService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The floor: what provisioning one tenant costs with no operator at all. For a tenant that exists, a plain method
 * issues the same API writes the operator issues for it (finalizer, namespace, the 13 objects in it, one status write,
 * one Event; the objects have the operator's shape and size) with a Fabric8 client, and the same SQL (the operator's
 * own {@link TenantDatabaseService#apply}) through a pool of the operator's size. The runner calls it from a thread
 * pool of the operator's reconcile-pool size. Like the operator, it declares a tenant Ready (status write and Event,
 * {@link #publishReady}) only once the tenant's Deployment is available: the runner calls it when its own watch sees
 * that, without holding a worker while waiting. No informers of its own, no caches, no retries.
 */
final class Floor {
    private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);
    private final KubernetesClient client;
    private final TenantDatabaseService database;

    Floor(KubernetesClient client, DataSource dataSource) {
        this.client = client;
        this.database = new TenantDatabaseService(dataSource);
    }

    void provision(Tenant tenant) {
        String name = tenant.getMetadata().getName();
        String ns = "tenant-" + name;
        String id = "tenant_" + name.replace('-', '_');
        var tenants = client.resources(Tenant.class);
        tenants.withName(name).patch(MERGE, "{\"metadata\":{\"finalizers\":[\"tenants.neoforge.io/finalizer\"]}}");

        Map<String, String> labels = labels(name);
        Map<String, String> nsLabels = new LinkedHashMap<>(labels);
        for (String mode : new String[] {"enforce", "audit", "warn"}) {
            nsLabels.put("pod-security.kubernetes.io/" + mode, "restricted");
            nsLabels.put("pod-security.kubernetes.io/" + mode + "-version", "latest");
        }
        create(new NamespaceBuilder()
                .withNewMetadata()
                .withName(ns)
                .withLabels(nsLabels)
                .endMetadata()
                .build());
        create(new ResourceQuotaBuilder()
                .withMetadata(meta(tenant, "neoforge-quota"))
                .withNewSpec()
                .addToHard("requests.cpu", new Quantity("2"))
                .addToHard("limits.cpu", new Quantity("2"))
                .addToHard("requests.memory", new Quantity("2Gi"))
                .addToHard("limits.memory", new Quantity("2Gi"))
                .addToHard("pods", new Quantity("10"))
                .endSpec()
                .build());
        create(new LimitRangeBuilder()
                .withMetadata(meta(tenant, "neoforge-limits"))
                .withNewSpec()
                .addNewLimit()
                .withType("Container")
                .addToDefault("cpu", new Quantity("500m"))
                .addToDefault("memory", new Quantity("512Mi"))
                .addToDefaultRequest("cpu", new Quantity("100m"))
                .addToDefaultRequest("memory", new Quantity("128Mi"))
                .endLimit()
                .endSpec()
                .build());
        create(new NetworkPolicyBuilder()
                .withMetadata(meta(tenant, "neoforge-isolation"))
                .withNewSpec()
                .withPodSelector(new LabelSelector())
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .withFrom(
                        new NetworkPolicyPeerBuilder()
                                .withPodSelector(new LabelSelector())
                                .build(),
                        peer("ingress-nginx"),
                        peer("monitoring"))
                .endIngress()
                .endSpec()
                .build());
        create(new ServiceAccountBuilder()
                .withMetadata(meta(tenant, "tenant-app"))
                .withAutomountServiceAccountToken(false)
                .build());
        String[] read = {"get", "list", "watch"};
        create(new RoleBuilder()
                .withMetadata(meta(tenant, "tenant-admin"))
                .withRules(
                        new PolicyRuleBuilder()
                                .withApiGroups("")
                                .withResources("pods", "pods/log", "services", "endpoints", "configmaps", "events")
                                .withVerbs(read)
                                .build(),
                        new PolicyRuleBuilder()
                                .withApiGroups("")
                                .withResources("pods")
                                .withVerbs("delete")
                                .build(),
                        new PolicyRuleBuilder()
                                .withApiGroups("apps")
                                .withResources("deployments", "replicasets")
                                .withVerbs(read)
                                .build(),
                        new PolicyRuleBuilder()
                                .withApiGroups("autoscaling")
                                .withResources("horizontalpodautoscalers")
                                .withVerbs(read)
                                .build(),
                        new PolicyRuleBuilder()
                                .withApiGroups("networking.k8s.io")
                                .withResources("ingresses")
                                .withVerbs(read)
                                .build(),
                        new PolicyRuleBuilder()
                                .withApiGroups("policy")
                                .withResources("poddisruptionbudgets")
                                .withVerbs(read)
                                .build())
                .build());
        create(new RoleBindingBuilder()
                .withMetadata(meta(tenant, "tenant-admins"))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", "tenant-admin")
                .addNewSubject()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("User")
                .withName("admin@" + name + ".example")
                .endSubject()
                .build());
        Map<String, String> branding = new LinkedHashMap<>();
        branding.put("tenant", name);
        branding.put("displayName", name);
        branding.put("url", "http://" + name + ".neoforge.localhost");
        create(new ConfigMapBuilder()
                .withMetadata(meta(tenant, "neoforge-branding"))
                .withData(branding)
                .build());

        String password = PasswordGenerator.generate(32);
        var endpoint = database.endpoint();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("host", endpoint.host());
        data.put("port", String.valueOf(endpoint.port()));
        data.put("database", endpoint.database());
        data.put("schema", id);
        data.put("username", id);
        data.put("password", password);
        data.put(
                "jdbc-url",
                "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                        + "?currentSchema=" + id);
        data.put(
                "uri",
                "postgresql://" + id + ":" + password + "@" + endpoint.host() + ":" + endpoint.port() + "/"
                        + endpoint.database() + "?options=-csearch_path%3D" + id);
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        create(new SecretBuilder()
                .withMetadata(meta(tenant, "neoforge-db"))
                .withType("Opaque")
                .withData(encoded)
                .build());

        database.apply(TenantDatabase.of(name, password, 5, true));

        Map<String, String> selector = Map.of("app.kubernetes.io/name", "tenant-app", "neoforge.io/tenant", name);
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        podLabels.putAll(selector);
        var env = new java.util.ArrayList<io.fabric8.kubernetes.api.model.EnvVar>();
        env.add(new EnvVarBuilder().withName("NEOFORGE_TENANT").withValue(name).build());
        env.add(new EnvVarBuilder()
                .withName("NEOFORGE_PLAN")
                .withValue("starter")
                .build());
        env.add(new EnvVarBuilder().withName("PORT").withValue("8080").build());
        for (String key :
                new String[] {"host", "port", "database", "schema", "username", "password", "jdbc-url", "uri"}) {
            env.add(new EnvVarBuilder()
                    .withName("DATABASE_" + key.toUpperCase().replace('-', '_'))
                    .withNewValueFrom()
                    .withNewSecretKeyRef(key, "neoforge-db", false)
                    .endValueFrom()
                    .build());
        }
        create(new DeploymentBuilder()
                .withMetadata(meta(tenant, "app"))
                .editMetadata()
                .addToLabels(selector)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(podLabels)
                .addToAnnotations("neoforge.io/credentials-digest", Integer.toHexString(password.hashCode()))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName("tenant-app")
                .withAutomountServiceAccountToken(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("app")
                .withImage("ghcr.io/neoforge/tenant-app:latest")
                .addNewPort()
                .withName("http")
                .withContainerPort(8080)
                .withProtocol("TCP")
                .endPort()
                .withEnv(env)
                .withNewResources()
                .addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("128Mi"))
                .addToLimits("cpu", new Quantity("500m"))
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .endSecurityContext()
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withNewPort("http")
                .endTcpSocket()
                .withPeriodSeconds(10)
                .endReadinessProbe()
                .addNewVolumeMount()
                .withName("branding")
                .withMountPath("/etc/neoforge/branding")
                .withReadOnly(true)
                .endVolumeMount()
                .addNewVolumeMount()
                .withName("tmp")
                .withMountPath("/tmp")
                .endVolumeMount()
                .endContainer()
                .addNewVolume()
                .withName("branding")
                .withNewConfigMap()
                .withName("neoforge-branding")
                .endConfigMap()
                .endVolume()
                .addNewVolume()
                .withName("tmp")
                .withNewEmptyDir()
                .endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build());
        create(new ServiceBuilder()
                .withMetadata(meta(tenant, "app"))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build());
        create(new HorizontalPodAutoscalerBuilder()
                .withMetadata(meta(tenant, "app"))
                .withNewSpec()
                .withNewScaleTargetRef("apps/v1", "Deployment", "app")
                .withMinReplicas(1)
                .withMaxReplicas(2)
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(70)
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build());
        create(new PodDisruptionBudgetBuilder()
                .withMetadata(meta(tenant, "app"))
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(selector)
                .endSelector()
                .endSpec()
                .build());
        create(new IngressBuilder()
                .withMetadata(meta(tenant, "app"))
                .withNewSpec()
                .addNewRule()
                .withHost(name + ".neoforge.localhost")
                .withNewHttp()
                .addNewPath()
                .withPath("/")
                .withPathType("Prefix")
                .withNewBackend()
                .withNewService()
                .withName("app")
                .withNewPort()
                .withName("http")
                .endPort()
                .endService()
                .endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build());
    }

    /**
     * The last step, once the tenant's Deployment is available (what the operator's Ready means too): one status write
     * and one Event.
     */
    void publishReady(Tenant tenant) {
        String name = tenant.getMetadata().getName();
        String ns = "tenant-" + name;
        var tenants = client.resources(Tenant.class);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String status =
                "{\"status\":{\"phase\":\"Ready\",\"observedGeneration\":1,\"plan\":\"starter\",\"namespace\":\"" + ns
                        + "\",\"url\":\"http://" + name + ".neoforge.localhost\",\"firstReadyTime\":\"" + now
                        + "\",\"conditions\":["
                        + "{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Provisioned\",\"message\":\"floor\","
                        + "\"lastTransitionTime\":\"" + now + "\",\"observedGeneration\":1}]}}";
        tenants.withName(name).subresource("status").patch(MERGE, status);
        client.v1()
                .events()
                .inNamespace("default")
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withGenerateName(name + ".")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withKind("Tenant")
                        .withName(name)
                        .withUid(tenant.getMetadata().getUid())
                        .endInvolvedObject()
                        .withReason("Provisioned")
                        .withMessage("floor")
                        .withType("Normal")
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build())
                .create();
    }

    private void create(HasMetadata object) {
        client.resource(object).create();
    }

    private static Map<String, String> labels(String tenant) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "neoforge");
        labels.put("app.kubernetes.io/part-of", "neoforge");
        labels.put("neoforge.io/tenant", tenant);
        return labels;
    }

    private static ObjectMeta meta(Tenant tenant, String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace("tenant-" + tenant.getMetadata().getName())
                .withLabels(labels(tenant.getMetadata().getName()))
                .withOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion("neoforge.io/v1alpha1")
                        .withKind("Tenant")
                        .withName(tenant.getMetadata().getName())
                        .withUid(tenant.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(false)
                        .build()))
                .build();
    }

    private static io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer peer(String namespace) {
        return new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .addToMatchLabels("kubernetes.io/metadata.name", namespace)
                        .build())
                .build();
    }
}
