package io.dirsync;

import java.io.IOException;

/** Text for the one-line messages every failure ends as ({@link DirsyncException}). */
public final class Messages {

    private static final int MAX_LENGTH = 300;

    private Messages() {
    }

    /**
     * {@code text} as part of a sentence: whitespace and line breaks collapsed, no trailing period (the sentence
     * around it has its own), at most 300 characters; empty for null.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip().replaceAll("\\.+$", "");
        return line.length() > MAX_LENGTH ? line.substring(0, MAX_LENGTH) + "…" : line;
    }

    /** What an I/O failure says, e.g. {@code AccessDeniedException /var/lib/dirsync/state.json}. */
    public static String describe(IOException e) {
        String message = oneLine(e.getMessage());
        return e.getClass().getSimpleName() + (message.isEmpty() ? "" : " " + message);
    }
}
