package io.dirsync.http;

import io.dirsync.ConfigurationException;
import io.dirsync.config.Key;
import io.dirsync.config.RemoteApi;
import io.dirsync.config.Settings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How dirsync talks to one remote API, with the same keys under each target's prefix ({@code bitwarden},
 * {@code entra}…): {@code <prefix>.proxy} (else the standard {@code https_proxy}/{@code http_proxy} and
 * {@code no_proxy} variables), {@code <prefix>.ca-file}, {@code <prefix>.request-timeout} (how long an answer may
 * take) and {@code <prefix>.retry-for} (how long a throttled or unavailable API is waited for). The URLs themselves
 * follow {@link RemoteApi}'s rule, {@code <prefix>.allow-http} included.
 */
public record HttpTarget(String prefix, Optional<URI> proxy, Optional<Path> caFile, Duration requestTimeout,
                         Duration retryFor) {

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    public static HttpTarget from(Settings settings, String prefix, Duration defaultRetryFor) {
        Optional<URI> proxy = settings.optional(prefix + ".proxy").map(value -> proxy(prefix + ".proxy", value));
        return new HttpTarget(prefix, proxy, RemoteApi.of(settings, prefix).caFile(), requestTimeout(settings, prefix),
                settings.duration(prefix + ".retry-for", defaultRetryFor));
    }

    /** {@code <prefix>.request-timeout}: a duration, and not 0, which would wait for ever. */
    private static Duration requestTimeout(Settings settings, String prefix) {
        String key = prefix + ".request-timeout";
        Duration timeout = settings.duration(key, DEFAULT_REQUEST_TIMEOUT);
        if (timeout.isZero()) {
            throw new ConfigurationException("Invalid setting " + key + "=0: a request needs a time limit, such as 2m.");
        }
        return timeout;
    }

    /** The transport keys of the target {@code prefix}, each checked as {@link #from} reads it. */
    public static List<Key> keys(String prefix) {
        return List.of(
                Key.of(prefix + ".proxy").checkedBy(s -> s.optional(prefix + ".proxy")
                        .ifPresent(value -> proxy(prefix + ".proxy", value))),
                Key.of(prefix + ".retry-for").duration(),
                Key.of(prefix + ".request-timeout").checkedBy(s -> requestTimeout(s, prefix)),
                Key.of(prefix + ".ca-file").checkedBy(s -> RemoteApi.of(s, prefix).caFile()),
                Key.of(prefix + ".allow-http").bool());
    }

    private static URI proxy(String key, String value) {
        String trimmed = value.trim().replaceAll("/+$", "");
        String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
        try {
            URI uri = URI.create(withScheme);
            if (uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid setting " + key + "=" + withScheme.replaceFirst("//[^/@]*@", "//…@")
                    + ": expected a proxy URL such as http://proxy.example.com:3128.");
        }
    }
}
