package io.dirsync.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dirsync.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file of the state folder holding one JSON document: read whole, or replaced atomically ({@link AtomicFile}).
 * Callers turn the failures into their own messages: an {@link IOException} when the file cannot be read or
 * written, an {@link Unreadable} when it can but does not hold what it should.
 */
public final class JsonFile {

    /** A file that exists but is not a document of the expected kind; the message says why, on one line. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String reason, Throwable cause) {
            super(Messages.oneLine(reason), cause);
        }
    }

    private JsonFile() {
    }

    /** The document in {@code file}, or empty when there is no such file. */
    public static <T> Optional<T> read(Path file, ObjectMapper json, Class<T> type) throws IOException, Unreadable {
        T value;
        try (InputStream in = Files.newInputStream(file)) {
            value = json.readValue(in, type);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new Unreadable(e.getOriginalMessage(), e);
        }
        if (value == null) {
            throw new Unreadable("nothing in it", null);
        }
        return Optional.of(value);
    }

    /** Replaces {@code file} with {@code value} as JSON, atomically and as it is written; its folder must exist. */
    public static void write(Path file, ObjectMapper json, Object value) throws IOException {
        AtomicFile.write(file, out -> json.writeValue(out, value));
    }
}
