package com.omnichannel.gateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a kustomization of k8s/ the way {@code kubectl kustomize} does, for the features our manifests use
 * (resources, namespace, strategic-merge patches), so that what an overlay deploys can be checked on machines
 * without kubectl. A kustomization using anything else fails here instead of being rendered wrongly; where
 * kubectl is installed, a test compares both renderings.
 */
final class Kustomization {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources", "patches");

    private Kustomization() {
    }

    /** Every resource the kustomization in {@code dir} produces, patched and placed in its namespace. */
    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode kustomization = KubernetesManifestsTest.documents(dir.resolve("kustomization.yaml")).get(0);
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalStateException(dir + ": kustomization field '" + field + "' is not rendered by this renderer");
            }
        });
        List<ObjectNode> rendered = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                rendered.addAll(render(path));
            } else {
                KubernetesManifestsTest.documents(path).forEach(document -> rendered.add((ObjectNode) document.deepCopy()));
            }
        }
        for (JsonNode patchEntry : kustomization.path("patches")) {
            if (!patchEntry.has("path") || patchEntry.size() != 1) {
                throw new IllegalStateException(dir + ": only patches given by path are rendered: " + patchEntry);
            }
            for (JsonNode patch : KubernetesManifestsTest.documents(dir.resolve(patchEntry.path("path").asText()))) {
                ObjectNode target = rendered.stream().filter(r -> sameObject(r, patch)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(dir + ": patch " + patchEntry + " matches no resource"));
                merge(target, (ObjectNode) patch);
            }
        }
        if (kustomization.has("namespace")) {
            rendered.forEach(r -> ((ObjectNode) r.path("metadata")).put("namespace", kustomization.path("namespace").asText()));
        }
        return rendered;
    }

    static boolean sameObject(JsonNode a, JsonNode b) {
        return a.path("kind").asText().equals(b.path("kind").asText())
                && a.path("metadata").path("name").asText().equals(b.path("metadata").path("name").asText());
    }

    /**
     * Strategic merge as Kubernetes applies it to the fields our patches touch: objects merge field by field, a null
     * deletes, lists of named items (containers, env, volumes, ports) merge item by item on the name, other lists are
     * replaced.
     */
    static void merge(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode current = target.get(field.getKey());
            JsonNode change = field.getValue();
            if (change.isNull()) {
                target.remove(field.getKey());
            } else if (current instanceof ObjectNode currentObject && change instanceof ObjectNode changeObject) {
                merge(currentObject, changeObject);
            } else if (current instanceof ArrayNode currentList && change instanceof ArrayNode changeList && named(currentList)
                    && named(changeList)) {
                for (JsonNode item : changeList) {
                    JsonNode existing = null;
                    for (JsonNode candidate : currentList) {
                        if (candidate.path("name").equals(item.path("name"))) {
                            existing = candidate;
                        }
                    }
                    if (existing == null) {
                        currentList.add(item.deepCopy());
                    } else {
                        merge((ObjectNode) existing, (ObjectNode) item);
                    }
                }
            } else {
                target.set(field.getKey(), change.deepCopy());
            }
        }
    }

    private static boolean named(ArrayNode list) {
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                return false;
            }
        }
        return !list.isEmpty();
    }
}
