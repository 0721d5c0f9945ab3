package io.dirsync.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dirsync.sandbox.OfficialImportRequest.GroupEntry;
import io.dirsync.sandbox.OfficialImportRequest.MemberEntry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Reads an import body the way the official server's MVC stack does: System.Text.Json
 * with the web defaults (property names matched case-insensitively, the first conversion error ends binding), the
 * model's permissive converters, then the data-annotation validation. Any failure becomes the model-state 400.
 */
final class OfficialRequestReader {

    private static final String MODEL = "Bit.Api.AdminConsole.Public.Models.Request.OrganizationImportRequestModel";
    private static final String GROUP_MODEL = MODEL + "+OrganizationImportGroupRequestModel";
    private static final String MEMBER_MODEL = MODEL + "+OrganizationImportMemberRequestModel";
    /** MVC's {@code MaxModelValidationErrors}. */
    private static final int MAX_ERRORS = 200;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            // .NET's decimal keeps the scale written ("1.50"), so the tree must not strip zeros
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private OfficialRequestReader() {
    }

    /** The bound and validated request; otherwise throws the 400 the server answers. */
    static OfficialImportRequest read(String body) {
        JsonNode root;
        try {
            root = body.isBlank() ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ErrorBodies.officialModelState(Map.of("$", List.of("The JSON input is not valid: "
                    + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw ErrorBodies.officialModelState(Map.of("", List.of("Body is empty.")));
        }
        OfficialImportRequest request;
        try {
            request = bind(root);
        } catch (ConversionError e) {
            throw ErrorBodies.officialModelState(Map.of(e.path, List.of(e.getMessage())));
        }
        Map<String, List<String>> errors = validate(request);
        if (!errors.isEmpty()) {
            throw ErrorBodies.officialModelState(errors);
        }
        return request;
    }

    // --- binding (System.Text.Json) ---

    private static OfficialImportRequest bind(JsonNode root) {
        requireObject(root, "$", MODEL);
        List<GroupEntry> groups = null;
        List<MemberEntry> members = null;
        Boolean overwriteExisting = null;
        boolean largeImport = false;
        boolean inviteUsersAfterProvisioning = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = "$." + field.getKey();
            JsonNode value = field.getValue();
            switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "groups" -> groups = list(value, path, GROUP_MODEL, OfficialRequestReader::group);
                case "members" -> members = list(value, path, MEMBER_MODEL, OfficialRequestReader::member);
                case "overwriteexisting" -> overwriteExisting = value.isNull() ? null
                        : bool(value, path, "System.Nullable`1[System.Boolean]");
                case "largeimport" -> largeImport = bool(value, path, "System.Boolean");
                case "inviteusersafterprovisioning" -> inviteUsersAfterProvisioning = bool(value, path, "System.Boolean");
                default -> {
                    // unknown properties are ignored
                }
            }
        }
        return new OfficialImportRequest(groups, members, overwriteExisting, largeImport, inviteUsersAfterProvisioning);
    }

    private static GroupEntry group(JsonNode node, String path) {
        String name = null;
        String externalId = null;
        List<String> memberExternalIds = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "name" -> name = string(field.getValue(), fieldPath);
                case "externalid" -> externalId = permissiveString(field.getValue(), fieldPath);
                case "memberexternalids" -> memberExternalIds = permissiveStrings(field.getValue(), fieldPath);
                default -> {
                }
            }
        }
        return new GroupEntry(name, externalId, memberExternalIds);
    }

    private static MemberEntry member(JsonNode node, String path) {
        String email = null;
        String externalId = null;
        boolean deleted = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = path + "." + field.getKey();
            switch (field.getKey().toLowerCase(Locale.ROOT)) {
                case "email" -> email = string(field.getValue(), fieldPath);
                case "externalid" -> externalId = permissiveString(field.getValue(), fieldPath);
                case "deleted" -> deleted = bool(field.getValue(), fieldPath, "System.Boolean");
                default -> {
                }
            }
        }
        return new MemberEntry(email, externalId, deleted);
    }

    private static <T> List<T> list(JsonNode value, String path, String itemType,
                                    BiFunction<JsonNode, String, T> item) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw ConversionError.of(path, itemType + "[]");
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            String elementPath = path + "[" + i + "]";
            if (element.isNull()) {
                items.add(null);
            } else {
                requireObject(element, elementPath, itemType);
                items.add(item.apply(element, elementPath));
            }
        }
        return Collections.unmodifiableList(items);
    }

    private static void requireObject(JsonNode node, String path, String type) {
        if (!node.isObject()) {
            throw ConversionError.of(path, type);
        }
    }

    private static boolean bool(JsonNode value, String path, String type) {
        if (!value.isBoolean()) {
            throw ConversionError.of(path, type);
        }
        return value.booleanValue();
    }

    private static String string(JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ConversionError.of(path, "System.String");
        }
        return value.textValue();
    }

    /** Bitwarden's {@code PermissiveStringConverter}: a string, a number as written, or True/False as .NET prints them. */
    private static String permissiveString(JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        return permissiveScalar(value, path);
    }

    private static String permissiveScalar(JsonNode value, String path) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        throw new ConversionError(path, "Unsupported TokenType: " + tokenType(value));
    }

    /** Bitwarden's {@code PermissiveStringEnumerableConverter}: an array of scalars, or one bare scalar. */
    private static List<String> permissiveStrings(JsonNode value, String path) {
        if (value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            throw new ConversionError(path, "Cannot read JSON Object to an IEnumerable<string>.");
        }
        if (!value.isArray()) {
            return List.of(permissiveScalar(value, path));
        }
        List<String> strings = new ArrayList<>();
        value.forEach(element -> strings.add(permissiveScalar(element, path)));
        return Collections.unmodifiableList(strings);
    }

    private static String tokenType(JsonNode value) {
        if (value.isObject()) {
            return "StartObject";
        }
        if (value.isArray()) {
            return "StartArray";
        }
        return value.isNull() ? "Null" : value.getNodeType().toString();
    }

    /** A System.Text.Json conversion failure; the path is the model-state key. */
    private static final class ConversionError extends RuntimeException {
        final String path;

        ConversionError(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }

        // STJ's own message also gives the line and byte position; the sandbox leaves them out.
        static ConversionError of(String path, String type) {
            return new ConversionError(path, "The JSON value could not be converted to " + type + ". Path: " + path + ".");
        }
    }

    // --- validation (data annotations, then IValidatableObject) ---

    private static Map<String, List<String>> validate(OfficialImportRequest request) {
        ModelState state = new ModelState();
        if (request.groups() != null) {
            for (int i = 0; i < request.groups().size() && !state.full(); i++) {
                GroupEntry group = request.groups().get(i);
                if (group != null) {
                    String key = "Groups[" + i + "].";
                    requiredWithMaxLength(state, key, "Name", group.name(), 100);
                    requiredWithMaxLength(state, key, "ExternalId", group.externalId(), 300);
                }
            }
        }
        if (request.members() != null) {
            for (int i = 0; i < request.members().size() && !state.full(); i++) {
                MemberEntry member = request.members().get(i);
                if (member != null) {
                    validateMember(state, "Members[" + i + "].", member);
                }
            }
        }
        if (request.overwriteExisting() == null) {
            state.add("OverwriteExisting", "The OverwriteExisting field is required.");
        }
        return state.errors();
    }

    private static void validateMember(ModelState state, String key, MemberEntry member) {
        int before = state.count();
        if (member.email() != null && !isEmailAddress(member.email())) {
            state.add(key + "Email", "The Email field is not a valid e-mail address.");
        }
        if (member.email() != null && member.email().length() > 256) {
            state.add(key + "Email", "The field Email must be a string with a maximum length of 256.");
        }
        requiredWithMaxLength(state, key, "ExternalId", member.externalId(), 300);
        // MVC runs the object's own Validate() only when all of its properties passed.
        boolean propertiesValid = state.count() == before;
        if (propertiesValid && (member.email() == null || member.email().isBlank()) && !member.deleted()) {
            state.add(key + "Email", "Email is required for enabled members.");
        }
    }

    private static void requiredWithMaxLength(ModelState state, String key, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            state.add(key + field, "The " + field + " field is required.");
        } else if (value.length() > max) {
            state.add(key + field, "The field " + field + " must be a string with a maximum length of " + max + ".");
        }
    }

    /** .NET's {@code [EmailAddress]}: exactly one '@', neither first nor last. */
    static boolean isEmailAddress(String value) {
        int at = value.indexOf('@');
        return at > 0 && at != value.length() - 1 && at == value.lastIndexOf('@');
    }

    /** ASP.NET's ModelStateDictionary, as far as the error list goes. */
    private static final class ModelState {
        private final Map<String, List<String>> errors = new LinkedHashMap<>();
        private int count;

        void add(String key, String message) {
            if (full()) {
                return;
            }
            if (count == MAX_ERRORS - 1) {
                // The TooManyModelErrorsException entry; the public error model shows its (empty) ErrorMessage.
                errors.computeIfAbsent("", k -> new ArrayList<>()).add("");
            } else {
                errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
            }
            count++;
        }

        boolean full() {
            return count >= MAX_ERRORS;
        }

        int count() {
            return count;
        }

        Map<String, List<String>> errors() {
            return errors;
        }
    }
}
