package io.neoforge.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a kubeconfig for kubectl (and any client-go or Fabric8 client) pointing at the sandbox API server. */
public final class Kubeconfig {

    public static final String CONTEXT = "neoforge-sandbox";

    private Kubeconfig() {}

    /** The kubeconfig text: cluster, user (a dummy token, the sandbox does no authentication) and current context. */
    public static String render(String serverUrl, String namespace) {
        String server = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        users:
        - name: %1$s
          user:
            token: neoforge-sandbox
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %3$s
        current-context: %1$s
        preferences: {}
        """.formatted(CONTEXT, server, namespace == null ? "default" : namespace);
    }

    public static Path write(Path file, String serverUrl) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, render(serverUrl, "default"), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system
        }
        return file;
    }
}
