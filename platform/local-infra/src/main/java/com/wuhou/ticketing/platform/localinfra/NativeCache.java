package com.wuhou.ticketing.platform.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The directory where native binaries are unpacked once and reused: {@code $TICKETING_CACHE_DIR},
 * else {@code ~/.cache/ticketing}. Unpacking is guarded by a file lock (other JVMs, e.g. parallel
 * test forks) and done into a temporary directory that is renamed into place atomically, so a
 * half-unpacked directory is never seen.
 */
final class NativeCache {

    /** Fills a fresh, empty directory. */
    interface Unpacker {
        void unpackInto(Path emptyDir) throws IOException, InterruptedException;
    }

    private NativeCache() {}

    static Path root() {
        String configured = System.getenv("TICKETING_CACHE_DIR");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "ticketing");
    }

    /** Returns {@code root()/name}, unpacking it first when it is not there yet. */
    static Path directory(String name, Unpacker unpacker) {
        Path target = root().resolve(name);
        if (Files.isDirectory(target)) {
            return target;
        }
        try {
            Files.createDirectories(root());
            try (FileChannel channel = FileChannel.open(
                            root().resolve("." + name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                if (Files.isDirectory(target)) {
                    return target; // another process finished while we waited for the lock
                }
                Path temp = Files.createTempDirectory(root(), "." + name + "-");
                try {
                    unpacker.unpackInto(temp);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    throw new IOException("cannot move " + temp + " to " + target, e);
                } finally {
                    LocalProcess.deleteRecursively(temp);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + name + " into " + root(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while unpacking " + name, e);
        }
    }

    static void requireLinuxAmd64(String what) {
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new UnsupportedOperationException(
                    what + " is bundled for Linux x86_64 only; this is " + os + " " + arch);
        }
    }
}
