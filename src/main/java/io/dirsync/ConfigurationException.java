package io.dirsync;

/** A missing or invalid setting: exit code 2. The message names the key. */
public class ConfigurationException extends DirsyncException {

    public ConfigurationException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
