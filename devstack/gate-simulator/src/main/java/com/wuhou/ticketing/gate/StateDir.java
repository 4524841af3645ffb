package com.wuhou.ticketing.gate;

import com.wuhou.ticketing.checkin.api.OfflinePackage;
import com.wuhou.ticketing.checkin.api.OfflineScans;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A gate's files. Appends are fsynced before they return and whole files are replaced by an atomic
 * move, so a crash leaves either the old or the new content. A line counts only once its newline is
 * written: a torn last line is a scan the gate never answered, and is dropped.
 *
 * <ul>
 *   <li>{@code package-<date>.json}: the day's merged offline package;
 *   <li>{@code journal.jsonl}: scans admitted offline and not yet taken by the platform;
 *   <li>{@code admitted-<date>.jsonl}: the day's IN admissions (online and offline), to count entries;
 *   <li>{@code conflicts.jsonl}: what the platform called a conflict on upload, kept for the operator.
 * </ul>
 */
final class StateDir {

    private static final String JOURNAL = "journal.jsonl";
    private static final String CONFLICTS = "conflicts.jsonl";

    private final Path dir;

    StateDir(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
    }

    Path packageFile(LocalDate date) {
        return dir.resolve("package-" + date + ".json");
    }

    Optional<OfflinePackage> loadPackage(LocalDate date) {
        try {
            return Optional.of(Json.read(Files.readAllBytes(packageFile(date)), OfflinePackage.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void savePackage(OfflinePackage offlinePackage) {
        replace(packageFile(offlinePackage.date()), Json.write(offlinePackage));
    }

    List<OfflineScans.Scan> journal() {
        return readLines(dir.resolve(JOURNAL));
    }

    void appendJournal(OfflineScans.Scan scan) {
        append(dir.resolve(JOURNAL), List.of(scan));
    }

    /** Rewrites the journal without the scans the platform has answered. */
    void removeFromJournal(Set<String> scanIds) {
        List<OfflineScans.Scan> kept = new ArrayList<>();
        for (OfflineScans.Scan scan : journal()) {
            if (!scanIds.contains(scan.scanId())) {
                kept.add(scan);
            }
        }
        replace(dir.resolve(JOURNAL), lines(kept));
    }

    List<OfflineScans.Scan> admitted(LocalDate date) {
        return readLines(admittedFile(date));
    }

    void appendAdmitted(LocalDate date, OfflineScans.Scan scan) {
        append(admittedFile(date), List.of(scan));
    }

    void appendConflicts(Collection<OfflineScans.Outcome> conflicts) {
        if (!conflicts.isEmpty()) {
            append(dir.resolve(CONFLICTS), conflicts);
        }
    }

    private Path admittedFile(LocalDate date) {
        return dir.resolve("admitted-" + date + ".jsonl");
    }

    private static List<OfflineScans.Scan> readLines(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<OfflineScans.Scan> scans = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                scans.add(Json.read(line.getBytes(StandardCharsets.UTF_8), OfflineScans.Scan.class));
            }
        }
        return scans;
    }

    private static byte[] lines(Collection<?> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object value : values) {
            out.writeBytes(Json.write(value));
            out.write('\n');
        }
        return out.toByteArray();
    }

    private void append(Path file, Collection<?> values) {
        boolean created = !Files.exists(file);
        try (FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            // Cut a torn last line (a crash mid-append) so the new line does not glue onto it.
            long end = channel.size();
            while (end > 0 && lastByte(channel, end) != '\n') {
                end--;
            }
            channel.truncate(end);
            channel.position(end);
            ByteBuffer buffer = ByteBuffer.wrap(lines(values));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
        if (created) {
            syncDirectory();
        }
    }

    private static byte lastByte(FileChannel channel, long end) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, end - 1);
        return one.get(0);
    }

    private void replace(Path file, byte[] content) {
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Only a leftover temp file; the real one is untouched.
                }
            }
        }
        syncDirectory();
    }

    /** Makes a new or renamed file's directory entry durable too (Linux; elsewhere best effort). */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some systems cannot open a directory; the file content itself is already synced.
        }
    }
}
