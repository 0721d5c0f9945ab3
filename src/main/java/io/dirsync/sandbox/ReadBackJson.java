package io.dirsync.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The official public API's member and group objects, as {@code GET /public/members} and {@code /public/groups} return them. */
final class ReadBackJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CUSTOM_PERMISSIONS = List.of("accessEventLogs", "accessImportExport",
            "accessReports", "createNewCollections", "editAnyCollection", "deleteAnyCollection", "manageGroups",
            "managePolicies", "manageSso", "manageUsers", "manageResetPassword", "manageScim", "manageAccessRules");

    private ReadBackJson() {
    }

    /** {@code {"object":"list","data":[…]}}. */
    static String list(List<ObjectNode> items) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        list.putArray("data").addAll(items);
        return list.toString();
    }

    static String array(List<String> ids) {
        ArrayNode array = JSON.createArrayNode();
        ids.forEach(array::add);
        return array.toString();
    }

    static ObjectNode member(Member member) {
        ObjectNode node = JSON.createObjectNode()
                .put("object", "member")
                .put("id", member.id())
                .put("userId", member.userId())
                .putNull("name")
                .put("email", member.email())
                .put("twoFactorEnabled", false)
                .put("status", member.status().code());
        node.putArray("collections");
        node.put("resetPasswordEnrolled", false)
                .putNull("ssoExternalId")
                .put("type", member.type().code())
                .put("externalId", member.externalId());
        if (member.type() == MemberType.CUSTOM) {
            ObjectNode permissions = node.putObject("permissions");
            CUSTOM_PERMISSIONS.forEach(permission -> permissions.put(permission, false));
        } else {
            node.putNull("permissions");
        }
        return node;
    }

    static ObjectNode group(Group group) {
        ObjectNode node = JSON.createObjectNode()
                .put("object", "group")
                .put("id", group.id());
        node.putArray("collections");
        return node.put("name", group.name()).put("externalId", group.externalId());
    }
}
