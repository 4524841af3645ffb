package com.wuhou.ticketing.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where things are: the repository root (jars to run) and the state folder ("home") that holds
 * everything the devstack writes: {@code logs/<name>.log}, {@code pids/<name>.pid}, {@code
 * data/<name>/}.
 */
record Layout(Path root, Path home) {

    Layout {
        root = root.toAbsolutePath().normalize();
        home = home.toAbsolutePath().normalize();
    }

    /** The directory containing {@code devstack/launcher}, walking up from {@code start}. */
    static Path findRoot(Path start) {
        for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("devstack/launcher"))) {
                return dir;
            }
        }
        return null;
    }

    Path log(String name) {
        return home.resolve("logs").resolve(name + ".log");
    }

    Path pidFile(String name) {
        return home.resolve("pids").resolve(name + ".pid");
    }

    Path data(String name) {
        return home.resolve("data").resolve(name);
    }

    /** Present in the command line of every process this home started: how we know it is ours. */
    String marker() {
        return home + "/";
    }
}
