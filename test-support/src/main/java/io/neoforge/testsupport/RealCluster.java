package io.neoforge.testsupport;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The test run's side of a real API server ({@link TestCluster#KUBECONFIG_ENV}): before the application starts, it
 * claims the cluster for the tests (removing what an earlier run left), applies the CRDs and, where the cluster serves
 * them, the ValidatingAdmissionPolicies from the repository's {@code manifests/} with server-side apply (field manager
 * {@value #FIELD_MANAGER}, forced), and finds out whether a Deployment controller runs there.
 */
final class RealCluster implements AutoCloseable {

    /** The field manager of everything the test run applies. */
    static final String FIELD_MANAGER = "neoforge-tests";
    /** ConfigMap in {@code default} that marks a cluster as one the tests have used (and may clean up). */
    static final String MARKER = "neoforge-integration-tests";

    static final String PROBE_NAMESPACE = "neoforge-test-probe";

    private static final Logger LOG = Logger.getLogger(RealCluster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A Deployment controller sets a new Deployment's status.observedGeneration within milliseconds. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private static final String VAP_GROUP_VERSION = "admissionregistration.k8s.io/v1";

    private final Path kubeconfig;
    private final Path root;
    private final KubernetesClient client;

    RealCluster(Path kubeconfig, Path root) {
        this.kubeconfig = kubeconfig;
        this.root = root;
        this.client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(kubeconfig.toFile()))
                .build();
    }

    KubernetesClient client() {
        return client;
    }

    /** Claims the cluster, applies CRDs, policies and (if asked) the sample plans, probes for controllers. */
    TestCluster prepare(boolean samples) {
        LOG.infof(
                "Tests run against the cluster of %s (%s), not the sandbox API server",
                kubeconfig, client.getMasterUrl());
        claim();
        applyCrds();
        boolean policies = applyPolicies();
        if (samples) {
            sampleFiles(root).forEach(this::apply);
        }
        boolean deploymentController = probeDeploymentController();
        return new TestCluster(client, kubeconfig, policies, deploymentController);
    }

    /**
     * The system properties that make a Fabric8 client built with {@code Config.autoConfigure} (Quarkus builds the
     * application's that way) read this kubeconfig and nothing else.
     */
    Map<String, String> clientSystemProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfig.toString());
        p.put(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "true");
        p.put(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
        return p;
    }

    /**
     * A cluster the tests have not used before must hold no Tenant and no Plan: the tests delete every one they find
     * on a cluster they have used (leftovers of a run that ended early), so they refuse to adopt one that may hold
     * somebody's. The first run leaves ConfigMap {@value #MARKER} in {@code default}; later runs sweep.
     */
    private void claim() {
        ConfigMap marker =
                client.configMaps().inNamespace("default").withName(MARKER).get();
        if (marker == null) {
            List<String> found = new ArrayList<>();
            ClusterCleanup.tenants(client)
                    .forEach(t -> found.add("tenant/" + t.getMetadata().getName()));
            ClusterCleanup.plans(client)
                    .forEach(p -> found.add("plan/" + p.getMetadata().getName()));
            if (!found.isEmpty()) {
                throw new IllegalStateException("The cluster of " + kubeconfig + " (" + client.getMasterUrl()
                        + ") holds " + found + " and has not been used by NeoForge's integration tests before. They "
                        + "need a cluster of their own, since they delete every Tenant and Plan on a cluster they use: "
                        + "point " + TestCluster.KUBECONFIG_ENV + " at a throwaway cluster (docs/development.md), or "
                        + "delete those first.");
            }
            client.configMaps()
                    .inNamespace("default")
                    .resource(new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(MARKER)
                            .addToLabels(ClusterCleanup.TEST_LABEL, "true")
                            .endMetadata()
                            .addToData(
                                    "purpose",
                                    "This cluster runs NeoForge's integration tests, which remove every Tenant, "
                                            + "Plan and tenant namespace on it at the start and end of a run.")
                            .addToData("first-run", Instant.now().toString())
                            .build())
                    .create();
            LOG.infof("Claimed the cluster for the tests: ConfigMap default/%s", MARKER);
        } else {
            sweep("an earlier run");
        }
    }

    /** Removes what the tests may have left; at the end of a run there should be nothing. */
    void sweep(String after) {
        int removed = ClusterCleanup.sweep(client, TIMEOUT);
        if (removed > 0) {
            LOG.warnf("Removed %d Tenants, Plans and namespaces that %s left on the cluster", removed, after);
        }
    }

    private void applyCrds() {
        List<String> names = new ArrayList<>();
        for (Path file : crdFiles(root)) {
            apply(file).forEach(crd -> names.add(crd.getMetadata().getName()));
        }
        for (String name : names) {
            ClusterCleanup.await(
                    TIMEOUT,
                    () -> established(client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .withName(name)
                            .get()),
                    () -> "CRD " + name + " is not Established");
        }
        LOG.infof("Applied CRDs %s (server-side apply, field manager %s): Established", names, FIELD_MANAGER);
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private boolean applyPolicies() {
        List<Path> files = policyFiles(root);
        if (!servesValidatingAdmissionPolicies()) {
            LOG.infof(
                    "The cluster does not serve %s ValidatingAdmissionPolicy: not applying %s (deletion protection "
                            + "then rests on the operator's finalizer alone, as in the sandbox)",
                    VAP_GROUP_VERSION,
                    files.stream().map(f -> root.relativize(f).toString()).toList());
            return false;
        }
        files.forEach(this::apply);
        LOG.infof(
                "Applied ValidatingAdmissionPolicies and bindings from %s",
                files.stream().map(f -> root.relativize(f).toString()).toList());
        return true;
    }

    private boolean servesValidatingAdmissionPolicies() {
        APIResourceList resources;
        try {
            resources = client.getApiResources(VAP_GROUP_VERSION);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
        if (resources == null || resources.getResources() == null) {
            return false;
        }
        List<String> served =
                resources.getResources().stream().map(APIResource::getName).toList();
        return served.contains("validatingadmissionpolicies") && served.contains("validatingadmissionpolicybindings");
    }

    /**
     * Whether a Deployment controller runs for tenant apps: it sets {@code status.observedGeneration} of a new
     * Deployment (zero replicas, so no pod is ever made) at once; a bare kube-apiserver never does. The probe is
     * labelled like a tenant's app in a tenant's namespace, so that whatever plays the Deployment controller for tenant
     * apps is found (kind's own, or the sandbox's {@code ClusterSimulator} in front of an API server without one).
     */
    private boolean probeDeploymentController() {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(PROBE_NAMESPACE)
                        .addToLabels(ClusterCleanup.TEST_LABEL, "true")
                        .addToLabels(ClusterCleanup.TENANT_LABEL, "probe")
                        .endMetadata()
                        .build())
                .create();
        try {
            Deployment probe = new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("probe")
                    .addToLabels("app.kubernetes.io/managed-by", "neoforge")
                    .endMetadata()
                    .withNewSpec()
                    .withReplicas(0)
                    .withNewSelector()
                    .addToMatchLabels("app", "probe")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "probe")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("probe")
                    .withImage("registry.k8s.io/pause:3.10")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build();
            client.apps()
                    .deployments()
                    .inNamespace(PROBE_NAMESPACE)
                    .resource(probe)
                    .create();
            boolean controller;
            try {
                ClusterCleanup.await(
                        PROBE_TIMEOUT,
                        () -> {
                            Deployment d = client.apps()
                                    .deployments()
                                    .inNamespace(PROBE_NAMESPACE)
                                    .withName("probe")
                                    .get();
                            return d.getStatus() != null && d.getStatus().getObservedGeneration() != null;
                        },
                        () -> "no Deployment controller");
                controller = true;
            } catch (IllegalStateException e) {
                controller = false;
            }
            LOG.infof(
                    controller
                            ? "A Deployment controller runs on the cluster: tests wait for it to report tenant apps available"
                            : "No Deployment controller runs on the cluster: tests set tenant apps' Deployment status themselves");
            return controller;
        } finally {
            client.namespaces().withName(PROBE_NAMESPACE).delete();
            ClusterCleanup.finishNamespaceDeletion(client, PROBE_NAMESPACE, TIMEOUT);
        }
    }

    private List<HasMetadata> apply(Path file) {
        List<HasMetadata> applied = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (HasMetadata item : client.load(in).items()) {
                applied.add(client.resource(item)
                        .fieldManager(FIELD_MANAGER)
                        .forceConflicts()
                        .serverSideApply());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return applied;
    }

    /** {@code manifests/crds/*.yaml}: the generated CRDs. */
    static List<Path> crdFiles(Path root) {
        return manifests(root.resolve("manifests/crds"), f -> true);
    }

    /** {@code manifests/base/*-policy.yaml}: ValidatingAdmissionPolicies with their bindings. */
    static List<Path> policyFiles(Path root) {
        return manifests(
                root.resolve("manifests/base"), f -> f.getFileName().toString().endsWith("-policy.yaml"));
    }

    /** {@code manifests/samples/*.yaml}: the sample plans. */
    static List<Path> sampleFiles(Path root) {
        return manifests(root.resolve("manifests/samples"), f -> true);
    }

    /** YAML files as {@code kubectl apply -f DIR} reads them, without kustomize's own, in file-name order. */
    private static List<Path> manifests(Path dir, Predicate<Path> filter) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> {
                        String name = f.getFileName().toString();
                        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization");
                    })
                    .filter(filter)
                    .sorted()
                    .toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no manifests in " + dir);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /**
     * The repository's root (the directory holding {@code manifests/}): system property {@code project.root} (the
     * build sets it), else the nearest directory above the working directory that has {@code manifests/crds}.
     */
    static Path projectRoot() {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty("project.root");
        if (property != null && !property.isBlank()) {
            candidates.add(Path.of(property));
        }
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p);
        }
        return candidates.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> Files.isDirectory(p.resolve("manifests/crds")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("cannot find the repository's manifests/ (looked in "
                        + candidates + "): set the system property project.root to the repository's root"));
    }

    @Override
    public void close() {
        client.close();
    }
}
