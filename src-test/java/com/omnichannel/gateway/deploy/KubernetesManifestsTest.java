package com.omnichannel.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests (k8s/) are well-formed, complete and consistent with the service: probes on the
 * Quarkus health endpoints, the port the service listens on, environment variables the service really reads,
 * a hardened pod, and no real secret in the repository. {@link KubernetesSchemaTest} validates what each
 * environment renders to against the Kubernetes API schema.
 */
class KubernetesManifestsTest {

    static final Path K8S = Path.of("k8s");
    static final Path BASE = K8S.resolve("base");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    // ---- reading

    static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            var iterator = YAML.readValues(parser, JsonNode.class);
            while (iterator.hasNext()) {
                JsonNode node = iterator.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(node);
                }
            }
        }
        return documents;
    }

    static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The manifests a kustomization lists as resources, recursively (patches not applied). */
    static List<JsonNode> resources(Path dir) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        JsonNode kustomization = documents(dir.resolve("kustomization.yaml")).get(0);
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                all.addAll(resources(path));
            } else {
                all.addAll(documents(path));
            }
        }
        return all;
    }

    static JsonNode one(List<JsonNode> manifests, String kind, String name) {
        List<JsonNode> found = manifests.stream()
                .filter(m -> kind.equals(m.path("kind").asText()) && (name == null || name.equals(m.path("metadata").path("name").asText())))
                .toList();
        assertThat(found).as("%s %s", kind, name).hasSize(1);
        return found.get(0);
    }

    static JsonNode patch(Path overlay, String kind) throws IOException {
        JsonNode kustomization = documents(overlay.resolve("kustomization.yaml")).get(0);
        for (JsonNode patch : kustomization.path("patches")) {
            for (JsonNode document : documents(overlay.resolve(patch.path("path").asText()))) {
                if (kind.equals(document.path("kind").asText())) {
                    return document;
                }
            }
        }
        throw new AssertionError("No " + kind + " patch in " + overlay);
    }

    static Set<String> keys(JsonNode object) {
        Set<String> keys = new HashSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Environment variables application.properties reads: every {@code ${NAME...}} in it. */
    static Set<String> environmentVariablesTheServiceReads() throws IOException {
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        Set<String> names = new HashSet<>();
        Matcher matcher = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[}:]").matcher(properties);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static JsonNode deployment() throws IOException {
        return one(resources(BASE), "Deployment", "commerce-gateway");
    }

    static JsonNode container() throws IOException {
        JsonNode containers = deployment().path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    // ---- structure

    @Test
    void every_manifest_parses_and_names_its_api_version_and_kind() throws IOException {
        List<Path> files = yamlFiles();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            List<JsonNode> documents = documents(file);
            assertThat(documents).as(file.toString()).isNotEmpty();
            for (JsonNode document : documents) {
                assertThat(document.path("apiVersion").asText()).as("apiVersion in %s", file).isNotBlank();
                assertThat(document.path("kind").asText()).as("kind in %s", file).isNotBlank();
                if (!"Kustomization".equals(document.path("kind").asText())) {
                    assertThat(document.path("metadata").path("name").asText()).as("name in %s", file).isNotBlank();
                }
            }
        }
    }

    @Test
    void every_resource_and_patch_a_kustomization_lists_exists() throws IOException {
        List<Path> kustomizations = yamlFiles().stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
        assertThat(kustomizations).extracting(p -> p.getParent().toString().replace('\\', '/'))
                .contains("k8s/base", "k8s/overlays/dev", "k8s/overlays/prod");
        for (Path kustomization : kustomizations) {
            JsonNode root = documents(kustomization).get(0);
            List<String> listed = new ArrayList<>();
            root.path("resources").forEach(r -> listed.add(r.asText()));
            root.path("patches").forEach(p -> listed.add(p.path("path").asText()));
            for (String entry : listed) {
                Path path = kustomization.getParent().resolve(entry).normalize();
                assertThat(Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")))
                        .as("%s lists %s", kustomization, entry).isTrue();
            }
        }
    }

    @Test
    void the_base_has_the_deployment_service_autoscaler_disruption_budget_config_and_ingress() throws IOException {
        List<JsonNode> base = resources(BASE);
        assertThat(base).extracting(m -> m.path("kind").asText())
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap", "Ingress");
    }

    // ---- the pod

    @Test
    void the_deployment_runs_three_replicas_of_a_hardened_non_root_pod() throws IOException {
        JsonNode deployment = deployment();
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.path("securityContext").path("runAsUser").asInt()).isPositive();
        JsonNode security = container().path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").isBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(security.path("capabilities").path("drop").toString()).contains("\"ALL\"");

        // a read-only root filesystem needs a writable /tmp
        String tmpVolume = null;
        for (JsonNode mount : container().path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertThat(tmpVolume).as("/tmp mount").isNotNull();
        boolean emptyDir = false;
        for (JsonNode volume : pod.path("volumes")) {
            emptyDir |= tmpVolume.equals(volume.path("name").asText()) && volume.has("emptyDir");
        }
        assertThat(emptyDir).as("/tmp is an emptyDir").isTrue();
    }

    @Test
    void the_container_has_resource_requests_and_limits() throws IOException {
        JsonNode resources = container().path("resources");
        for (String kind : List.of("requests", "limits")) {
            assertThat(resources.path(kind).path("cpu").asText()).as(kind + ".cpu").isNotBlank();
            assertThat(resources.path(kind).path("memory").asText()).as(kind + ".memory").isNotBlank();
        }
    }

    @Test
    void probes_use_the_quarkus_health_endpoints_on_the_port_the_service_listens_on() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        // the health endpoints stay where Quarkus puts them by default
        assertThat(properties).doesNotContainKeys("quarkus.smallrye-health.root-path", "quarkus.http.non-application-root-path");
        assertThat(properties.getProperty("quarkus.http.port")).isEqualTo("${PORT:8080}");

        JsonNode container = container();
        Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "readinessProbe", "/q/health/ready",
                "livenessProbe", "/q/health/live");
        probes.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText()).as(probe).isEqualTo(path);
            assertThat(get.path("port").asText()).as(probe).isEqualTo("http");
        });
        int containerPort = -1;
        for (JsonNode port : container.path("ports")) {
            if ("http".equals(port.path("name").asText())) {
                containerPort = port.path("containerPort").asInt();
            }
        }
        assertThat(containerPort).isEqualTo(8080);
        String portEnv = null;
        for (JsonNode env : container.path("env")) {
            if ("PORT".equals(env.path("name").asText())) {
                portEnv = env.path("value").asText();
            }
        }
        assertThat(portEnv).as("PORT matches the container port").isEqualTo(String.valueOf(containerPort));
        assertThat(Files.readString(Path.of("src/main/docker/Dockerfile.jvm"))).contains("EXPOSE " + containerPort).contains("USER 185");
    }

    @Test
    void termination_leaves_time_for_pre_stop_readiness_drain_and_in_flight_requests() throws IOException {
        JsonNode pod = deployment().path("spec").path("template").path("spec");
        JsonNode preStop = container().path("lifecycle").path("preStop").path("exec").path("command");
        assertThat(preStop.toString()).contains("sleep");
        int preStopSeconds = Integer.parseInt(preStop.get(preStop.size() - 1).asText());
        JsonNode config = one(resources(BASE), "ConfigMap", "commerce-gateway-config").path("data");
        Duration delay = Duration.parse("PT" + config.path("SHUTDOWN_DELAY").asText());
        Duration timeout = Duration.parse("PT" + config.path("SHUTDOWN_TIMEOUT").asText());
        int grace = pod.path("terminationGracePeriodSeconds").asInt();
        assertThat(grace).isGreaterThan(preStopSeconds + (int) delay.toSeconds() + (int) timeout.toSeconds());
    }

    // ---- configuration and secrets

    @Test
    void config_map_and_secret_keys_are_environment_variables_the_service_reads() throws IOException {
        Set<String> read = environmentVariablesTheServiceReads();
        assertThat(read).contains("DB_HOST", "REDIS_URL", "JWT_PUBLIC_KEY_LOCATION", "SHUTDOWN_TIMEOUT");
        List<JsonNode> configMaps = new ArrayList<>(List.of(one(resources(BASE), "ConfigMap", "commerce-gateway-config")));
        configMaps.add(patch(K8S.resolve("overlays/dev"), "ConfigMap"));
        configMaps.add(patch(K8S.resolve("overlays/prod"), "ConfigMap"));
        for (JsonNode configMap : configMaps) {
            assertThat(read).as("ConfigMap keys the service reads").containsAll(keys(configMap.path("data")));
        }
        JsonNode envSecret = one(documents(BASE.resolve("secret.template.yaml")), "Secret", "commerce-gateway-secrets");
        assertThat(read).containsAll(keys(envSecret.path("stringData")));
        for (JsonNode env : container().path("env")) {
            assertThat(read).contains(env.path("name").asText());
        }
        // the production database password has no default: the Secret must provide it
        assertThat(keys(envSecret.path("stringData"))).contains("DB_PASSWORD", "DB_USER", "REDIS_URL", "GIFT_CARD_CODE_SECRET");
    }

    @Test
    void the_deployment_reads_the_config_map_and_the_secrets_of_the_template() throws IOException {
        List<String> configMaps = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        for (JsonNode source : container().path("envFrom")) {
            if (source.has("configMapRef")) {
                configMaps.add(source.path("configMapRef").path("name").asText());
            }
            if (source.has("secretRef")) {
                secrets.add(source.path("secretRef").path("name").asText());
            }
        }
        assertThat(configMaps).containsExactly("commerce-gateway-config");
        assertThat(secrets).containsExactly("commerce-gateway-secrets");

        String keyVolume = null;
        for (JsonNode volume : deployment().path("spec").path("template").path("spec").path("volumes")) {
            if (volume.has("secret")) {
                keyVolume = volume.path("secret").path("secretName").asText();
            }
        }
        assertThat(keyVolume).isEqualTo("commerce-gateway-jwt");
        JsonNode jwt = one(documents(BASE.resolve("secret.template.yaml")), "Secret", "commerce-gateway-jwt");
        String mountPath = null;
        for (JsonNode mount : container().path("volumeMounts")) {
            if ("jwt-keys".equals(mount.path("name").asText())) {
                mountPath = mount.path("mountPath").asText();
            }
        }
        JsonNode config = one(resources(BASE), "ConfigMap", "commerce-gateway-config").path("data");
        for (String location : List.of("JWT_PUBLIC_KEY_LOCATION", "JWT_SIGNING_KEY_LOCATION")) {
            Path file = Path.of(config.path(location).asText());
            assertThat(file.getParent().toString().replace('\\', '/')).as(location).isEqualTo(mountPath);
            assertThat(keys(jwt.path("stringData"))).contains(file.getFileName().toString());
        }
    }

    @Test
    void the_secret_template_holds_placeholders_only_and_is_never_applied() throws IOException {
        for (JsonNode secret : documents(BASE.resolve("secret.template.yaml"))) {
            assertThat(secret.path("kind").asText()).isEqualTo("Secret");
            assertThat(secret.has("data")).as("no base64 values").isFalse();
            secret.path("stringData").fields().forEachRemaining(e -> assertThat(e.getValue().asText())
                    .as(e.getKey()).contains("REPLACE_ME").doesNotContain("BEGIN"));
        }
        // applying an overlay must never overwrite the real Secrets with placeholders
        assertThat(resources(BASE)).noneMatch(m -> "Secret".equals(m.path("kind").asText()));
        assertThat(resources(K8S.resolve("overlays/prod"))).noneMatch(m -> "Secret".equals(m.path("kind").asText()));
        JsonNode devSecret = one(resources(K8S.resolve("overlays/dev")), "Secret", "commerce-gateway-secrets");
        assertThat(devSecret.path("stringData").path("DB_PASSWORD").asText()).contains("dev-only");
        assertThat(yamlFiles()).allSatisfy(file -> assertThat(Files.readString(file)).doesNotContain("PRIVATE KEY-----"));
    }

    // ---- service, autoscaling, disruption budget, ingress

    @Test
    void the_service_autoscaler_and_disruption_budget_select_the_deployments_pods() throws IOException {
        List<JsonNode> base = resources(BASE);
        JsonNode deployment = deployment();
        Map<String, String> podLabels = labels(deployment.path("spec").path("template").path("metadata").path("labels"));
        assertThat(podLabels).containsAllEntriesOf(labels(deployment.path("spec").path("selector").path("matchLabels")));

        JsonNode service = one(base, "Service", "commerce-gateway");
        assertThat(labels(service.path("spec").path("selector"))).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(labels(service.path("spec").path("selector")));
        assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText()).isEqualTo("http");

        JsonNode hpa = one(base, "HorizontalPodAutoscaler", null);
        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        JsonNode target = hpa.path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText()).isEqualTo("Deployment");
        assertThat(target.path("apiVersion").asText()).isEqualTo("apps/v1");
        assertThat(target.path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(deployment.path("spec").path("replicas").asInt());
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isGreaterThan(hpa.path("spec").path("minReplicas").asInt());

        JsonNode pdb = one(base, "PodDisruptionBudget", null);
        assertThat(pdb.path("apiVersion").asText()).isEqualTo("policy/v1");
        Map<String, String> pdbSelector = labels(pdb.path("spec").path("selector").path("matchLabels"));
        assertThat(pdbSelector).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(pdbSelector);
    }

    @Test
    void the_ingress_exposes_only_graphql_and_keeps_websockets_open() throws IOException {
        List<JsonNode> base = resources(BASE);
        JsonNode ingress = one(base, "Ingress", null);
        JsonNode annotations = ingress.path("metadata").path("annotations");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt()).isGreaterThanOrEqualTo(3600);
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt()).isGreaterThanOrEqualTo(3600);
        List<String> paths = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                paths.add(path.path("path").asText());
                assertThat(path.path("backend").path("service").path("name").asText()).isEqualTo("commerce-gateway");
                assertThat(path.path("backend").path("service").path("port").path("name").asText()).isEqualTo("http");
            }
        }
        assertThat(paths).containsExactly("/graphql");
    }

    // ---- overlays

    @Test
    void dev_runs_postgres_and_redis_in_cluster_with_redis_persisting_an_append_only_file() throws IOException {
        List<JsonNode> dev = resources(K8S.resolve("overlays/dev"));
        one(dev, "StatefulSet", "postgres");
        one(dev, "Service", "postgres");
        one(dev, "Service", "redis");
        JsonNode redis = one(dev, "StatefulSet", "redis");
        JsonNode container = redis.path("spec").path("template").path("spec").path("containers").get(0);
        String args = container.path("args").toString();
        assertThat(args).contains("\"--appendonly\",\"yes\"").contains("\"--appendfsync\",\"everysec\"");
        String dataDir = container.path("args").get(container.path("args").size() - 1).asText();
        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo(dataDir);
        assertThat(redis.path("spec").path("volumeClaimTemplates").get(0).path("metadata").path("name").asText())
                .isEqualTo(container.path("volumeMounts").get(0).path("name").asText());
        assertThat(patch(K8S.resolve("overlays/dev"), "ConfigMap").path("data").path("DB_HOST").asText()).isEqualTo("postgres");
        assertThat(one(dev, "Secret", "commerce-gateway-secrets").path("stringData").path("REDIS_URL").asText())
                .isEqualTo("redis://redis:6379");
    }

    @Test
    void prod_uses_managed_services_and_runs_more_and_larger_pods() throws IOException {
        Path prod = K8S.resolve("overlays/prod");
        assertThat(resources(prod)).noneMatch(m -> "StatefulSet".equals(m.path("kind").asText()));
        JsonNode config = patch(prod, "ConfigMap").path("data");
        assertThat(config.path("DB_HOST").asText()).isNotEqualTo("postgres").isNotBlank();
        assertThat(config.path("GRAPHQL_TRUSTED_ONLY_KIOSK").asText()).isEqualTo("true");
        JsonNode deployment = patch(prod, "Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThan(deployment().path("spec").path("replicas").asInt());
        JsonNode hpa = patch(prod, "HorizontalPodAutoscaler");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(deployment.path("spec").path("replicas").asInt());
        JsonNode requests = deployment.path("spec").path("template").path("spec").path("containers").get(0).path("resources").path("requests");
        assertThat(requests.path("cpu").asText()).isNotBlank();
    }

    @Test
    void behind_the_ingress_the_forwarded_client_address_is_believed_from_the_ingress_range_only() throws IOException {
        JsonNode config = one(resources(BASE), "ConfigMap", "commerce-gateway-config").path("data");
        assertThat(config.path("HTTP_PROXY_ADDRESS_FORWARDING").asText()).isEqualTo("true");
        String trusted = config.path("HTTP_TRUSTED_PROXIES").asText();
        assertThat(trusted).as("a trusted range must be named, or every peer would be believed").isNotBlank();
        for (String range : trusted.split(",")) {
            assertThat(range.trim()).matches("\\d{1,3}(\\.\\d{1,3}){3}(/(1[6-9]|2\\d|3[0-2]))?")
                    .as("no range wider than a /16 (never 0.0.0.0/0)");
        }
        String properties = Files.readString(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8);
        assertThat(properties).contains("quarkus.http.proxy.proxy-address-forwarding=${HTTP_PROXY_ADDRESS_FORWARDING:false}",
                "quarkus.http.proxy.trusted-proxies=${HTTP_TRUSTED_PROXIES:127.0.0.1}");
    }
}
