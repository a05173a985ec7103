package dev.kairos.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the walkthrough that the README gives newcomers, between its markers, without the code fence. */
final class Readme {

    private static final String START = "<!-- walkthrough:start -->";
    private static final String END = "<!-- walkthrough:end -->";

    private Readme() {
    }

    static String walkthrough(Path readme) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalStateException("README.md has no walkthrough between " + START + " and " + END);
        }
        String block = text.substring(start + START.length(), end).strip();
        if (!block.startsWith("```bash") || !block.endsWith("```")) {
            throw new IllegalStateException("The README walkthrough is not one ```bash block");
        }
        return block.substring("```bash".length(), block.length() - "```".length());
    }
}
