package io.dirsync.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.sandbox.VaultwardenImportRequest.GroupEntry;
import io.dirsync.sandbox.VaultwardenImportRequest.MemberEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an import body the way Vaultwarden's Rocket {@code Json<OrgImportData>} guard does:
 * camelCase names matched exactly, every field required and non-null, no type coercion, unknown fields ignored.
 * A body that is not JSON is a 400, one that does not fit the structs a 422, both with Rocket's default body.
 */
final class VaultwardenRequestReader {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private VaultwardenRequestReader() {
    }

    static VaultwardenImportRequest read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (StreamReadException e) {
            // serde reports a duplicate field as a data error, not a syntax error
            throw ErrorBodies.rocket(e.getMessage().startsWith("Duplicate field") ? 422 : 400);
        } catch (JsonProcessingException e) {
            throw ErrorBodies.rocket(400);
        }
        if (root == null || root.isMissingNode()) {
            throw ErrorBodies.rocket(400); // empty body: serde's EOF error
        }
        JsonNode object = object(root);
        return new VaultwardenImportRequest(
                list(required(object, "groups"), VaultwardenRequestReader::group),
                list(required(object, "members"), VaultwardenRequestReader::member),
                bool(required(object, "overwriteExisting")));
    }

    private static GroupEntry group(JsonNode node) {
        JsonNode object = object(node);
        return new GroupEntry(string(required(object, "name")), string(required(object, "externalId")),
                list(required(object, "memberExternalIds"), VaultwardenRequestReader::string));
    }

    private static MemberEntry member(JsonNode node) {
        JsonNode object = object(node);
        return new MemberEntry(string(required(object, "email")), string(required(object, "externalId")),
                bool(required(object, "deleted")));
    }

    private static JsonNode required(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null) {
            throw ErrorBodies.rocket(422);
        }
        return value;
    }

    private static JsonNode object(JsonNode node) {
        if (!node.isObject()) {
            throw ErrorBodies.rocket(422);
        }
        return node;
    }

    private static <T> List<T> list(JsonNode node, Function<JsonNode, T> item) {
        if (!node.isArray()) {
            throw ErrorBodies.rocket(422);
        }
        List<T> items = new ArrayList<>();
        node.forEach(element -> items.add(item.apply(element)));
        return items;
    }

    private static String string(JsonNode node) {
        if (!node.isTextual()) {
            throw ErrorBodies.rocket(422);
        }
        return node.textValue();
    }

    private static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw ErrorBodies.rocket(422);
        }
        return node.booleanValue();
    }
}
