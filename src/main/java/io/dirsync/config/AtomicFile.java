package io.dirsync.config;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of the state folder replaced all at once: {@link #write} puts the content in a temporary file next to the
 * target ({@code <name>.<random>.tmp}, readable by its owner only), forces it to disk, renames it over the target
 * atomically, then forces the folder where the platform allows it. A crash at any point leaves either the previous
 * file or the new one, never a mix. Callers turn the {@link IOException}s into their own messages.
 */
public final class AtomicFile {

    private static final String TEMP_SUFFIX = ".tmp";
    private static final int BUFFER_SIZE = 1 << 16;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    private AtomicFile() {
    }

    /** What a file is replaced with, written to a stream (which it need not close). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} with {@code bytes} atomically; its folder must exist ({@link #createFolder}). */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces {@code file} with what {@code content} writes, atomically, as it writes it: a large document is never
     * held whole in memory. Its folder must exist ({@link #createFolder}).
     */
    public static void write(Path file, Content content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, tempPrefix(file), TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_SIZE) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the channel stays open to be forced
                    }
                };
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveIntoPlace(temp, file);
            temp = null;
            forceFolder(folder);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /** Deletes {@code file} and any temporary file a crash left beside it; nothing when there is none. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        deleteLeftovers(file);
    }

    /**
     * Deletes the temporary files a crash during {@link #write} left beside {@code file}. Only for a caller that
     * holds the lock under which the file is written: another writer's temporary file would go too.
     */
    public static void deleteLeftovers(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, tempPrefix(file) + "*" + TEMP_SUFFIX)) {
                for (Path temp : temps) {
                    Files.deleteIfExists(temp);
                }
            }
            forceFolder(folder);
        }
    }

    /**
     * Creates the folder (and its parents) when missing, readable by its owner only where the file system has POSIX
     * permissions. {@link java.nio.file.FileAlreadyExistsException} when it is a file.
     */
    public static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createDirectories(folder);
        }
    }

    private static String tempPrefix(Path file) {
        return file.getFileName() + ".";
    }

    private static void moveIntoPlace(Path temp, Path file) throws IOException {
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("The file system of {} cannot rename atomically; replacing the file without it", file);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the rename durable; not every platform can open a folder for that (Windows cannot), which is fine. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot fsync the folder {}: {}", folder, e.toString());
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", path, e.toString());
        }
    }
}
