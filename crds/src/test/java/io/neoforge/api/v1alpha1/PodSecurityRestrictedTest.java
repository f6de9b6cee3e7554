package io.neoforge.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

/** The checker itself: a pod as manifests/base writes them passes; each way to break restricted is caught. */
class PodSecurityRestrictedTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String RESTRICTED = """
            securityContext:
              runAsNonRoot: true
              runAsUser: 185
              seccompProfile: {type: RuntimeDefault}
            containers:
            - name: app
              securityContext:
                allowPrivilegeEscalation: false
                capabilities: {drop: [ALL]}
            volumes:
            - name: tmp
              emptyDir: {}
            """;

    @Test
    void aRestrictedPodPasses() throws Exception {
        assertThat(PodSecurityRestricted.violations(pod(RESTRICTED))).isEmpty();
    }

    @Test
    void containerSettingsMayStandInForThePods() throws Exception {
        assertThat(PodSecurityRestricted.violations(pod("""
                containers:
                - name: app
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile: {type: Localhost, localhostProfile: app.json}
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                """))).isEmpty();
    }

    @Test
    void catchesEveryRuleItChecks() throws Exception {
        assertThat(PodSecurityRestricted.violations(pod("""
                hostNetwork: true
                hostPID: true
                hostIPC: true
                securityContext:
                  runAsUser: 0
                containers:
                - name: app
                  ports: [{containerPort: 80, hostPort: 80}]
                  securityContext:
                    privileged: true
                    capabilities: {add: [SYS_ADMIN]}
                initContainers:
                - name: init
                  securityContext:
                    runAsNonRoot: false
                    allowPrivilegeEscalation: true
                    seccompProfile: {type: Unconfined}
                    capabilities: {drop: [ALL]}
                volumes:
                - name: host
                  hostPath: {path: /var/run}
                """)))
                .containsExactlyInAnyOrder(
                        "hostNetwork is true",
                        "hostPID is true",
                        "hostIPC is true",
                        "volume host is of type hostPath",
                        "pod: runAsUser is 0 (root)",
                        "initContainers/init: allowPrivilegeEscalation is not false",
                        "initContainers/init: runAsNonRoot is false",
                        "initContainers/init: seccompProfile is Unconfined",
                        "initContainers/init: runAsNonRoot is not true (neither on the container nor on the pod)",
                        "initContainers/init: seccompProfile is not RuntimeDefault or Localhost (neither on the container nor on the pod)",
                        "containers/app: privileged",
                        "containers/app: allowPrivilegeEscalation is not false",
                        "containers/app: capabilities do not drop ALL",
                        "containers/app: adds capability SYS_ADMIN",
                        "containers/app: hostPort 80",
                        "containers/app: runAsNonRoot is not true (neither on the container nor on the pod)",
                        "containers/app: seccompProfile is not RuntimeDefault or Localhost (neither on the container nor on the pod)");
    }

    @Test
    void aContainerMayNotUndoThePodsNonRootUser() throws Exception {
        String rootContainer = RESTRICTED.replace(
                "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: false\n    runAsUser: 0");
        assertThat(PodSecurityRestricted.violations(pod(rootContainer)))
                .containsExactly("containers/app: runAsUser is 0 (root)");
    }

    private static JsonNode pod(String yaml) throws Exception {
        return YAML.readTree(yaml);
    }
}
