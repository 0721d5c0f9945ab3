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
}
