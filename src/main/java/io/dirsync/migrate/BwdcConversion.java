package io.dirsync.migrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bwdc configuration in dirsync's terms.
 *
 * @param bwdcVersion the bwdc release that last wrote the file ({@code installedVersion}), or "unknown"
 * @param properties  dirsync's keys and values, secrets as {@code {{env:NAME}}} references only
 * @param secrets     the environment variables those references need
 * @param notes       one sentence per bwdc setting that is not carried over as it was, and why
 */
public record BwdcConversion(BwdcDirectory directory, String bwdcVersion, Map<String, String> properties,
                             List<SecretVariable> secrets, List<String> notes) {

    public BwdcConversion {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        secrets = List.copyOf(secrets);
        notes = List.copyOf(notes);
    }
}
