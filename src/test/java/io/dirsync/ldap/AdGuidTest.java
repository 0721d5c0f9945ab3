package io.dirsync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AdGuidTest {

    @Test
    void firstThreePartsAreByteReversedTheRestKeepOrder() {
        // Microsoft's documented example: the GUID {00112233-4455-6677-8899-aabbccddeeff} is stored as
        // 33 22 11 00 55 44 77 66 88 99 aa bb cc dd ee ff.
        byte[] stored = HexFormat.of().parseHex("33221100554477668899aabbccddeeff");
        assertThat(AdGuid.format(stored)).isEqualTo("00112233-4455-6677-8899-aabbccddeeff");
    }

    @Test
    void outputIsLowerCase() {
        byte[] stored = HexFormat.of().parseHex("EFBEADDE0DF0ADBAFEC0FFEE00C0FFEE");
        assertThat(AdGuid.format(stored)).isEqualTo("deadbeef-f00d-baad-fec0-ffee00c0ffee");
    }

    @Test
    void refusesAnythingButSixteenBytes() {
        assertThatThrownBy(() -> AdGuid.format(new byte[15])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parseGivesBackTheStoredBytes() {
        byte[] stored = HexFormat.of().parseHex("33221100554477668899aabbccddeeff");
        assertThat(AdGuid.parse("00112233-4455-6677-8899-AABBCCDDEEFF")).isEqualTo(stored);
        assertThat(AdGuid.parse(AdGuid.format(stored))).isEqualTo(stored);
        assertThatThrownBy(() -> AdGuid.parse("00112233-4455-6677-8899-aabbccddeefg")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdGuid.parse("00112233+4455-6677-8899-aabbccddeeff")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AdGuid.parse("00112233")).isInstanceOf(IllegalArgumentException.class);
    }
}
