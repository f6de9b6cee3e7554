package io.neoforge.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.neoforge.sandbox.admission.AdmissionHook;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An in-process Kubernetes API server for the sandbox and for tests: Fabric8's {@link KubernetesMockServer} in CRUD
 * mode behind a compatibility layer ({@link CompatDispatcher}, {@link CompatWebServer}) so that the operator, Fabric8
 * informers and {@code kubectl} all work against it. Plain HTTP on 127.0.0.1, no authentication.
 *
 * <pre>{@code
 * try (SandboxApiServer api = new SandboxApiServer().start()) {
 *   api.applyCrdsFromClasspath();
 *   api.writeKubeconfig(Path.of("target/kubeconfig"));
 *   KubernetesClient client = api.client();
 * }
 * }</pre>
 */
public class SandboxApiServer implements AutoCloseable {

    public static final String CRDS_RESOURCE_DIR = "neoforge/crds";
    public static final String SAMPLES_RESOURCE_DIR = "neoforge/samples";

    private final int requestedPort;
    private final CompatWebServer webServer = new CompatWebServer();
    private final CompatDispatcher dispatcher;
    private final KubernetesMockServer mockServer;
    private final List<KubernetesClient> clients = Collections.synchronizedList(new ArrayList<>());
    private volatile KubernetesClient client;
    private volatile boolean started;

    /** On a free port. */
    public SandboxApiServer() {
        this(0);
    }

    /** On the given port (0 = a free one). */
    public SandboxApiServer(int port) {
        this.requestedPort = port;
        this.dispatcher = new CompatDispatcher(() -> "127.0.0.1:" + webServer.getPort());
        this.mockServer = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()), webServer, new HashMap<>(), dispatcher, false);
    }

    /** Starts the server and creates the namespaces every cluster has ({@code default}, {@code kube-system}, ...). */
    public synchronized SandboxApiServer start() {
        if (started) {
            return this;
        }
        try {
            mockServer.start(InetAddress.getByName("127.0.0.1"), requestedPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        started = true;
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            client().namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>} (no trailing slash). */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return webServer.getPort();
    }

    /** A Fabric8 configuration for this server (HTTP/1.1, no kubeconfig or service account involved). */
    public Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl(url())
                .withTrustCerts(true)
                .withNamespace("default")
                .withHttp2Disable(true)
                .withRequestTimeout(30_000)
                .withConnectionTimeout(10_000)
                .build();
    }

    /** A shared client for this server, closed by {@link #close()}. */
    public KubernetesClient client() {
        KubernetesClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = newClient();
                }
                c = client;
            }
        }
        return c;
    }

    /** A new client of its own (closed by {@link #close()} too, or earlier by the caller). */
    public KubernetesClient newClient() {
        KubernetesClient c = new KubernetesClientBuilder().withConfig(config()).build();
        clients.add(c);
        return c;
    }

    /**
     * The system properties that make a Fabric8 client (for instance the one Quarkus builds for the operator) talk to
     * this server and nothing else.
     */
    public Map<String, String> clientSystemProperties() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("kubernetes.master", url());
        p.put("kubernetes.trust.certificates", "true");
        p.put("kubernetes.auth.tryKubeConfig", "false");
        p.put("kubernetes.auth.tryServiceAccount", "false");
        p.put("kubernetes.namespace", "default");
        p.put("http2.disable", "true");
        return p;
    }

    /** Number of plain-HTTP (chunked) watch streams open right now, e.g. a running {@code kubectl wait}. */
    public int openHttpWatches() {
        return dispatcher.openHttpWatches();
    }

    /**
     * How many mutating requests (POST, PUT, PATCH, DELETE, written {@code METHOD /path}) this server has answered
     * so far whose line matches the filter, including those that changed nothing.
     */
    public long mutatingRequests(java.util.function.Predicate<String> filter) {
        return dispatcher.mutatingRequests(filter);
    }

    /** Sets or clears (null) the admission hook called on create/update/patch of custom resources. */
    public void setAdmission(AdmissionHook admission) {
        dispatcher.setAdmission(admission);
    }

    /** Whether namespaced objects may only be created in existing, non-terminating namespaces (default true). */
    public void setStrictNamespaces(boolean strict) {
        dispatcher.setStrictNamespaces(strict);
    }

    /** Applies every {@code neoforge/crds/*.yaml} on the classpath; returns the objects created or updated. */
    public List<HasMetadata> applyCrdsFromClasspath() {
        return applyFromClasspath(CRDS_RESOURCE_DIR);
    }

    /** Applies every {@code neoforge/samples/*.yaml} on the classpath (none is fine). */
    public List<HasMetadata> applySamplesFromClasspath() {
        return applyFromClasspath(SAMPLES_RESOURCE_DIR);
    }

    /** Applies every YAML file of a classpath directory (in a directory or a jar), in file-name order. */
    public List<HasMetadata> applyFromClasspath(String dir) {
        List<HasMetadata> applied = new ArrayList<>();
        for (String yaml : readClasspathYamls(dir)) {
            applied.addAll(apply(yaml));
        }
        return applied;
    }

    /** Creates or updates (server-side apply) every object of a multi-document YAML text. */
    public List<HasMetadata> apply(String yaml) {
        List<HasMetadata> result = new ArrayList<>();
        for (HasMetadata item : client().load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items()) {
            result.add(client().resource(item)
                    .fieldManager("neoforge-sandbox")
                    .forceConflicts()
                    .serverSideApply());
        }
        return result;
    }

    static List<String> readClasspathYamls(String dir) {
        ClassLoader cl = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader()
                : SandboxApiServer.class.getClassLoader();
        List<String> texts = new ArrayList<>();
        try {
            List<URL> roots = Collections.list(cl.getResources(dir));
            for (URL root : roots) {
                URI uri = root.toURI();
                if ("jar".equals(uri.getScheme())) {
                    try (FileSystem fs = newJarFileSystem(uri)) {
                        texts.addAll(readYamls(fs.getPath(dir)));
                    }
                } else {
                    texts.addAll(readYamls(Path.of(uri)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return texts;
    }

    private static FileSystem newJarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (java.nio.file.FileSystemAlreadyExistsException e) {
            FileSystem existing = FileSystems.getFileSystem(uri);
            // do not close a file system someone else opened
            return new DelegatingFileSystem(existing);
        }
    }

    private static List<String> readYamls(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(SandboxApiServer::isManifest).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return texts;
    }

    /**
     * YAML files, as {@code kubectl apply -f DIR} reads them, except kustomize's own: a kustomization.yaml is not a
     * Kubernetes object (manifests/crds names its {@code Kustomization}, without an extension, for kubectl's sake).
     */
    private static boolean isManifest(Path f) {
        String name = f.getFileName().toString();
        return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization");
    }

    /** Writes a kubeconfig with context {@code neoforge-sandbox} for kubectl. */
    public Path writeKubeconfig(Path file) {
        try {
            return Kubeconfig.write(file, url());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        for (KubernetesClient c : new ArrayList<>(clients)) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        clients.clear();
        client = null;
        if (started) {
            started = false;
            mockServer.shutdown();
        }
    }

    /** A view of a file system that is not closed by {@link #close()}. */
    private static final class DelegatingFileSystem extends FileSystem {
        private final FileSystem d;

        DelegatingFileSystem(FileSystem d) {
            this.d = d;
        }

        @Override
        public java.nio.file.spi.FileSystemProvider provider() {
            return d.provider();
        }

        @Override
        public void close() {
            // owned elsewhere
        }

        @Override
        public boolean isOpen() {
            return d.isOpen();
        }

        @Override
        public boolean isReadOnly() {
            return d.isReadOnly();
        }

        @Override
        public String getSeparator() {
            return d.getSeparator();
        }

        @Override
        public Iterable<Path> getRootDirectories() {
            return d.getRootDirectories();
        }

        @Override
        public Iterable<java.nio.file.FileStore> getFileStores() {
            return d.getFileStores();
        }

        @Override
        public java.util.Set<String> supportedFileAttributeViews() {
            return d.supportedFileAttributeViews();
        }

        @Override
        public Path getPath(String first, String... more) {
            return d.getPath(first, more);
        }

        @Override
        public java.nio.file.PathMatcher getPathMatcher(String syntaxAndPattern) {
            return d.getPathMatcher(syntaxAndPattern);
        }

        @Override
        public java.nio.file.attribute.UserPrincipalLookupService getUserPrincipalLookupService() {
            return d.getUserPrincipalLookupService();
        }

        @Override
        public java.nio.file.WatchService newWatchService() throws IOException {
            return d.newWatchService();
        }
    }
}
