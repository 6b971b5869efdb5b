package com.omnichannel.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Every manifest an environment deploys (base, dev and prod rendered with their patches, and the Secret template)
 * is valid against the Kubernetes API schema, as compiled into the official Kubernetes Java client's models
 * (Kubernetes 1.34): no unknown or misspelt field, every required field, the right JSON types, well-formed
 * quantities, and only API versions the cluster serves.
 */
class KubernetesSchemaTest {

    static final Path K8S = Path.of("k8s");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Binds as the API server does; timestamps (metadata) are RFC 3339. */
    static final Gson GSON = new GsonBuilder().registerTypeAdapter(OffsetDateTime.class, new TypeAdapter<OffsetDateTime>() {
        @Override
        public void write(JsonWriter out, OffsetDateTime value) throws IOException {
            out.value(value == null ? null : value.toString());
        }

        @Override
        public OffsetDateTime read(JsonReader in) throws IOException {
            return OffsetDateTime.parse(in.nextString());
        }
    }).create();

    /** The API versions and kinds k8s/ uses; anything else is refused until added here with its model. */
    static final Map<String, Class<?>> MODELS = Map.of(
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "apps/v1/StatefulSet", V1StatefulSet.class,
            "autoscaling/v2/HorizontalPodAutoscaler", V2HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    /** Throws, naming the problem, when the manifest does not conform to the schema of its kind. */
    static void validate(JsonNode manifest) throws IOException {
        String type = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        Class<?> model = MODELS.get(type);
        if (model == null) {
            throw new IllegalArgumentException("no schema for " + type + " (an API version the cluster does not serve?)");
        }
        JsonElement json = JsonParser.parseString(JSON.writeValueAsString(manifest));
        try {
            // Unknown fields, missing required fields, objects where strings belong and the like.
            model.getMethod("validateJsonElement", JsonElement.class).invoke(null, json);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(type + " " + manifest.path("metadata").path("name").asText() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        // Numbers, booleans, int-or-string ports and resource quantities, bound as the API server binds them.
        try {
            GSON.fromJson(json, model);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(type + " " + manifest.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
        }
    }

    @Test
    void every_resource_of_every_environment_conforms_to_the_kubernetes_schema() throws IOException {
        for (String environment : List.of("base", "overlays/dev", "overlays/prod")) {
            List<ObjectNode> rendered = Kustomization.render(K8S.resolve(environment));
            assertThat(rendered).as(environment).isNotEmpty();
            for (ObjectNode manifest : rendered) {
                validate(manifest);
            }
        }
    }

    @Test
    void the_secret_template_conforms_to_the_kubernetes_schema() throws IOException {
        List<JsonNode> secrets = KubernetesManifestsTest.documents(K8S.resolve("base/secret.template.yaml"));
        assertThat(secrets).isNotEmpty();
        for (JsonNode secret : secrets) {
            validate(secret);
        }
    }

    @Test
    void the_overlays_deploy_what_their_patches_say() throws IOException {
        ObjectNode prod = one(Kustomization.render(K8S.resolve("overlays/prod")), "Deployment");
        assertThat(prod.path("metadata").path("namespace").asText()).isEqualTo("commerce");
        assertThat(prod.path("spec").path("replicas").asInt()).isEqualTo(6);
        JsonNode container = prod.path("spec").path("template").path("spec").path("containers").get(0);
        // The patch changed the resources and kept everything else of the container.
        assertThat(container.path("resources").path("limits").path("memory").asText()).isEqualTo("1536Mi");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("image").asText()).isNotBlank();
        ObjectNode dev = one(Kustomization.render(K8S.resolve("overlays/dev")), "Deployment");
        assertThat(dev.path("metadata").path("namespace").asText()).isEqualTo("commerce-dev");
        assertThat(dev.path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    // ---- the validator catches what it must

    @Test
    void a_misspelt_field_a_missing_required_field_a_wrong_type_or_a_bad_quantity_is_refused() throws IOException {
        ObjectNode deployment = one(Kustomization.render(K8S.resolve("base")), "Deployment");
        validate(deployment);

        ObjectNode misspelt = deployment.deepCopy();
        ObjectNode container = (ObjectNode) misspelt.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));
        assertThatThrownBy(() -> validate(misspelt)).hasMessageContaining("readinesProbe");

        ObjectNode nameless = deployment.deepCopy();
        ((ObjectNode) nameless.path("spec").path("template").path("spec").path("containers").get(0)).remove("name");
        assertThatThrownBy(() -> validate(nameless)).hasMessageContaining("name");

        ObjectNode wrongType = deployment.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "three");
        assertThatThrownBy(() -> validate(wrongType)).isInstanceOf(IllegalArgumentException.class);

        ObjectNode badQuantity = deployment.deepCopy();
        ((ObjectNode) badQuantity.path("spec").path("template").path("spec").path("containers").get(0).path("resources")
                .path("limits")).put("memory", "1.5 gigabytes");
        assertThatThrownBy(() -> validate(badQuantity)).isInstanceOf(IllegalArgumentException.class);

        ObjectNode retiredVersion = deployment.deepCopy();
        retiredVersion.put("apiVersion", "extensions/v1beta1");
        assertThatThrownBy(() -> validate(retiredVersion)).hasMessageContaining("extensions/v1beta1/Deployment");
    }

    // ---- the renderer matches kubectl's where kubectl is installed

    @Test
    void the_rendering_equals_kubectl_kustomize_when_kubectl_is_installed() throws Exception {
        if (!installed("kubectl")) {
            return; // optional: the rendering rules are covered by the test above
        }
        for (String environment : List.of("base", "overlays/dev", "overlays/prod")) {
            Process process = new ProcessBuilder("kubectl", "kustomize", K8S.resolve(environment).toString()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(environment).isZero();
            Path file = Files.createTempFile("kustomize", ".yaml");
            try {
                Files.writeString(file, output);
                assertThat(sorted(new ArrayList<>(KubernetesManifestsTest.documents(file)))).as(environment)
                        .isEqualTo(sorted(new ArrayList<>(Kustomization.render(K8S.resolve(environment)))));
            } finally {
                Files.delete(file);
            }
        }
    }

    private static List<JsonNode> sorted(List<JsonNode> manifests) {
        manifests.sort(Comparator.comparing(m -> m.path("kind").asText() + "/" + m.path("metadata").path("name").asText()));
        return manifests;
    }

    private static ObjectNode one(List<ObjectNode> manifests, String kind) {
        List<ObjectNode> found = manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static boolean installed(String command) {
        try {
            Process probe = new ProcessBuilder(command, "version", "--client").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
