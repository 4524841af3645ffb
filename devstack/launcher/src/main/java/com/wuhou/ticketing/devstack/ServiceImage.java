package com.wuhou.ticketing.devstack;

import com.wuhou.ticketing.platform.localinfra.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a service jar is run locally: from an extracted copy (Boot's {@code jarmode=tools extract}:
 * plain jars load faster than nested ones) with a dynamic class-data-sharing archive. The archive is
 * written when the service stops for the first time and used from then on; measured on 2 cores a
 * service then starts in ~6.5 s instead of ~15 s. Both are kept per jar build under
 * {@code <home>/apps/<service>/<jar size>-<jar mtime>/} and survive {@code down --wipe}.
 */
final class ServiceImage {

    private static final String ARCHIVE = "cds.jsa";

    private final Path jar;
    private final Path dir;
    private final String java;

    ServiceImage(Path jar, Path appsDir, String java) {
        this.jar = jar;
        this.java = java;
        this.dir = appsDir.resolve(stamp(jar));
    }

    /** Extracts the jar unless this build of it is extracted already; drops older builds. */
    synchronized void prepare() {
        Path extracted = dir.resolve("app");
        if (Files.isRegularFile(extracted.resolve(jar.getFileName()))) {
            return;
        }
        try {
            removeOtherBuilds();
            Path temp = dir.resolve("app.tmp");
            LocalProcess.deleteRecursively(temp);
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(
                            java,
                            "-Djarmode=tools",
                            "-jar",
                            jar.toString(),
                            "extract",
                            "--destination",
                            temp.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("extract.log").toFile())
                    .start();
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("could not extract " + jar + "; see " + dir.resolve("extract.log"));
            }
            Files.move(temp, extracted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** JVM options and the jar to run: use the archive when there is one, else write it at exit. */
    List<String> launchArguments() {
        Path archive = dir.resolve(ARCHIVE);
        String cds = Files.isRegularFile(archive)
                ? "-XX:SharedArchiveFile=" + archive
                : "-XX:ArchiveClassesAtExit=" + archive;
        return List.of(
                cds,
                "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off",
                "-jar",
                dir.resolve("app").resolve(jar.getFileName()).toString());
    }

    private void removeOtherBuilds() throws IOException {
        Path parent = dir.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (Stream<Path> builds = Files.list(parent)) {
            for (Path build : builds.filter(p -> !p.equals(dir)).toList()) {
                LocalProcess.deleteRecursively(build);
            }
        }
    }

    private static String stamp(Path jar) {
        try {
            return Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
