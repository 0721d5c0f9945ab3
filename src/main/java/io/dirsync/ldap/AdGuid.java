package io.dirsync.ldap;

/**
 * Active Directory's objectGUID as bwdc writes it: lower-case, hyphenated, with the first three parts
 * byte-reversed (they are little-endian on the wire). The Bitwarden server compares externalIds exactly,
 * so this form must match bwdc's to the character for an organization first synced by bwdc.
 */
final class AdGuid {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int[] ORDER = {3, 2, 1, 0, -1, 5, 4, -1, 7, 6, -1, 8, 9, -1, 10, 11, 12, 13, 14, 15};

    private AdGuid() {
    }

    static String format(byte[] guid) {
        if (guid == null || guid.length != 16) {
            throw new IllegalArgumentException("an objectGUID has 16 bytes, not " + (guid == null ? 0 : guid.length));
        }
        StringBuilder text = new StringBuilder(36);
        for (int index : ORDER) {
            if (index < 0) {
                text.append('-');
            } else {
                text.append(HEX[(guid[index] >> 4) & 0xf]).append(HEX[guid[index] & 0xf]);
            }
        }
        return text.toString();
    }

    /** The stored bytes of a GUID in {@link #format}'s form (for a search by objectGUID). */
    static byte[] parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("not a GUID: " + text);
        }
        byte[] guid = new byte[16];
        int position = 0;
        for (int index : ORDER) {
            if (index < 0) {
                if (text.charAt(position++) != '-') {
                    throw new IllegalArgumentException("not a GUID: " + text);
                }
                continue;
            }
            int high = Character.digit(text.charAt(position), 16);
            int low = Character.digit(text.charAt(position + 1), 16);
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException("not a GUID: " + text);
            }
            guid[index] = (byte) ((high << 4) | low);
            position += 2;
        }
        return guid;
    }
}
