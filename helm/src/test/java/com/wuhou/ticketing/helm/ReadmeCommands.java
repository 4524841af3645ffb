package com.wuhou.ticketing.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code helm} commands of a README's bash blocks, replayed with helm-java (Helm's own code, no binary) in a
 * copy of the repository: what a user who follows the README runs. A command or option this class does not know
 * fails, so a README cannot drift away from what the tests run.
 */
final class ReadmeCommands {

    private static final Pattern BASH_BLOCK = Pattern.compile("(?ms)^```bash\\n(.*?)^```");
    private static final Pattern COMMENT = Pattern.compile("(^|\\s)#.*$");

    private ReadmeCommands() {}

    /** Each {@code helm ...} command of the file's bash blocks, in order, as its words after "helm". */
    static List<List<String>> of(Path markdown) {
        String text;
        try {
            text = Files.readString(markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> commands = new ArrayList<>();
        Matcher block = BASH_BLOCK.matcher(text);
        while (block.find()) {
            for (String line : block.group(1).replace("\\\n", " ").lines().toList()) {
                String command = COMMENT.matcher(line).replaceFirst("").strip();
                if (command.startsWith("helm ")) {
                    commands.add(words(command.substring("helm ".length())));
                }
            }
        }
        return commands;
    }

    static boolean isDependencyBuild(List<String> command) {
        return command.size() >= 2
                && command.get(0).equals("dependency")
                && command.get(1).equals("build");
    }

    /**
     * Runs one command with {@code clone} as the working directory. Returns the rendered manifests of an install,
     * upgrade or template (rendered client-side, as {@code helm template} does: there is no cluster here), and
     * nothing for a dependency build.
     */
    static String run(List<String> command, Path clone) {
        if (isDependencyBuild(command) && command.size() == 3) {
            new Helm(clone.resolve(command.get(2))).dependency().build().call();
            return "";
        }
        Iterator<String> words = command.iterator();
        String verb = words.next();
        if (verb.equals("upgrade") && words.hasNext() && words.next().equals("--install")
                || verb.equals("install")
                || verb.equals("template")) {
            return render(words, clone, command);
        }
        throw new IllegalArgumentException(
                "A README command the tests cannot replay: helm " + String.join(" ", command));
    }

    private static String render(Iterator<String> words, Path clone, List<String> command) {
        List<String> positional = new ArrayList<>();
        List<Path> valuesFiles = new ArrayList<>();
        List<String[]> sets = new ArrayList<>();
        String namespace = null;
        while (words.hasNext()) {
            String word = words.next();
            switch (word) {
                case "-n", "--namespace" -> namespace = words.next();
                case "-f", "--values" -> valuesFiles.add(clone.resolve(words.next()));
                case "--set" -> sets.add(words.next().split("=", 2));
                // Only the cluster knows namespaces; rendering does not need it.
                case "--create-namespace" -> {}
                default -> {
                    if (word.startsWith("-")) {
                        throw new IllegalArgumentException("Option " + word
                                + " of a README command the tests cannot replay: helm " + String.join(" ", command));
                    }
                    positional.add(word);
                }
            }
        }
        if (positional.size() != 2) {
            throw new IllegalArgumentException("Expected a release and a chart: helm " + String.join(" ", command));
        }
        TemplateCommand template =
                new Helm(clone.resolve(positional.get(1))).template().withName(positional.get(0));
        if (namespace != null) {
            template.withNamespace(namespace);
        }
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(set -> template.set(set[0], set[1]));
        return template.call();
    }

    private static List<String> words(String command) {
        return Arrays.stream(command.strip().split("\\s+"))
                .map(word -> word.replaceAll("^([\"'])(.*)\\1$", "$2"))
                .toList();
    }
}
