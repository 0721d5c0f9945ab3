package io.dirsync.migrate;

import io.dirsync.config.Secret;
import java.util.Optional;

/**
 * A secret setting written as {@code {{env:<variable>}}}.
 *
 * @param value the secret, when bwdc kept it in data.json (plaintext mode); empty when it stayed in bwdc's keychain
 */
public record SecretVariable(String key, String variable, Optional<Secret> value) {
}
