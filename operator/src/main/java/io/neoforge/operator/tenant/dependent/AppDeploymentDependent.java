package io.neoforge.operator.tenant.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.neoforge.api.v1alpha1.plan.ContainerDefaults;
import io.neoforge.api.v1alpha1.plan.Plan;
import io.neoforge.api.v1alpha1.tenant.EnvironmentVariable;
import io.neoforge.api.v1alpha1.tenant.Tenant;
import io.neoforge.api.v1alpha1.tenant.WorkloadSpec;
import io.neoforge.operator.config.NeoforgeConfig;
import io.neoforge.operator.tenant.TenantContext;
import io.neoforge.operator.tenant.TenantLabels;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tenant's app. Its pods satisfy Pod Security "restricted". Replicas belong to the autoscaler,
 * except while suspended (zero).
 */
@KubernetesDependent(informer = @Informer(labelSelector = TenantLabels.MANAGED_SELECTOR))
public class AppDeploymentDependent extends TenantNamespacedDependent<Deployment> {
    public static final String NAME = "app";
    public static final String CONTAINER = "app";
    static final String CREDENTIALS_DIGEST = "neoforge.io/credentials-digest";

    @Inject
    NeoforgeConfig config;

    public AppDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    protected Deployment desired(Tenant tenant, Context<Tenant> context) {
        Plan plan = plan(context);
        WorkloadSpec workload = tenant.specOrEmpty().workloadOrEmpty();
        int port = workload.effectivePort();
        String image = Optional.ofNullable(workload.getImage())
                .filter(value -> !value.isBlank())
                .orElse(config.workload().defaultImage());

        // Assembled level by level: nested builders (withNewSpec()...endSpec()) copy the whole subtree at every
        // level, a cost that stood out in the operator's profile during the benchmark.
        Deployment deployment = new Deployment();
        deployment.setMetadata(new ObjectMetaBuilder(metadata(tenant, NAME))
                .addToLabels(TenantLabels.appSelector(tenant))
                .build());
        DeploymentSpec spec = new DeploymentSpec();
        spec.setReplicas(replicas(tenant));
        spec.setSelector(new LabelSelectorBuilder()
                .withMatchLabels(TenantLabels.appSelector(tenant))
                .build());
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(new ObjectMetaBuilder()
                .withLabels(TenantLabels.appLabels(tenant))
                .addToAnnotations(CREDENTIALS_DIGEST, PasswordDigest.of(TenantContext.databasePassword(context)))
                .build());
        template.setSpec(podSpec(container(tenant, workload, plan, image, port)));
        spec.setTemplate(template);
        deployment.setSpec(spec);
        return deployment;
    }

    private static PodSpec podSpec(Container container) {
        PodSpec pod = new PodSpec();
        pod.setServiceAccountName(ServiceAccountDependent.NAME);
        pod.setAutomountServiceAccountToken(false);
        pod.setSecurityContext(new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build());
        pod.setContainers(new ArrayList<>(List.of(container)));
        pod.setVolumes(new ArrayList<>(List.of(
                new VolumeBuilder()
                        .withName("branding")
                        .withNewConfigMap()
                        .withName(BrandingConfigMapDependent.NAME)
                        .endConfigMap()
                        .build(),
                new VolumeBuilder()
                        .withName("tmp")
                        .withNewEmptyDir()
                        .endEmptyDir()
                        .build())));
        return pod;
    }

    private static Container container(Tenant tenant, WorkloadSpec workload, Plan plan, String image, int port) {
        ContainerDefaults limits = plan.specOrEmpty().containerOrDefaults();
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .addNewPort()
                .withName("http")
                .withContainerPort(port)
                .withProtocol("TCP")
                .endPort()
                .withEnv(environment(tenant, workload, plan, port))
                .withResources(new ResourceRequirementsBuilder()
                        .addToRequests("cpu", new Quantity(limits.effectiveCpuRequest()))
                        .addToRequests("memory", new Quantity(limits.effectiveMemoryRequest()))
                        .addToLimits("cpu", new Quantity(limits.effectiveCpuLimit()))
                        .addToLimits("memory", new Quantity(limits.effectiveMemoryLimit()))
                        .build())
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
                .build();
    }

    /**
     * Zero while suspended, else nothing: the operator applies {@code spec.replicas} only to suspend, so it owns the
     * field only then. On resume it stops applying it; as its only owner, the API server removes the field, which
     * defaults to 1, and the autoscaler (recreated with the tenant's range) scales from there. Whatever the autoscaler
     * writes through {@code /scale} belongs to nobody and survives every reconcile.
     */
    private static Integer replicas(Tenant tenant) {
        return tenant.specOrEmpty().isSuspended() ? 0 : null;
    }

    private static List<EnvVar> environment(Tenant tenant, WorkloadSpec workload, Plan plan, int port) {
        List<EnvVar> env = new ArrayList<>();
        env.add(new EnvVarBuilder()
                .withName("NEOFORGE_TENANT")
                .withValue(tenant.getMetadata().getName())
                .build());
        env.add(new EnvVarBuilder()
                .withName("NEOFORGE_PLAN")
                .withValue(plan.getMetadata().getName())
                .build());
        env.add(new EnvVarBuilder()
                .withName("PORT")
                .withValue(String.valueOf(port))
                .build());
        for (String key :
                new String[] {"host", "port", "database", "schema", "username", "password", "jdbc-url", "uri"}) {
            env.add(new EnvVarBuilder()
                    .withName("DATABASE_" + key.toUpperCase().replace('-', '_'))
                    .withNewValueFrom()
                    .withNewSecretKeyRef(key, DatabaseSecretDependent.NAME, false)
                    .endValueFrom()
                    .build());
        }
        for (EnvironmentVariable variable : workload.envOrEmpty()) {
            env.add(new EnvVarBuilder()
                    .withName(variable.getName())
                    .withValue(variable.getValue())
                    .build());
        }
        return env;
    }
}
